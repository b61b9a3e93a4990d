#!/usr/bin/env bash
# The browser-test tier (npm run test:browser) drives a system Chromium through playwright-core;
# Playwright's own browser download is never used, because CI reaches only Debian's apt and the
# npm registry. This makes sure Chromium is there: CHROMIUM_PATH (default /usr/bin/chromium) if
# it exists, otherwise Debian's `chromium` package installed with apt. Idempotent; any failure
# to install fails the run, so the browser tier is never skipped silently.
set -euo pipefail

CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

print_version() {
  # --version needs no display and no profile; a binary that cannot print it cannot run the tests.
  if ! "$CHROMIUM_PATH" --version; then
    echo "ensure-chromium: $CHROMIUM_PATH exists but does not run (--version failed)" >&2
    exit 1
  fi
}

if [ -x "$CHROMIUM_PATH" ]; then
  print_version
  exit 0
fi

if [ "$CHROMIUM_PATH" != /usr/bin/chromium ]; then
  # A custom path is the caller's own browser: installing the Debian package would not put it there.
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM_PATH does not exist or is not executable" >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  cat >&2 <<'MSG'
ensure-chromium: /usr/bin/chromium is missing and installing it needs root. Either run
  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium
(Debian; on Ubuntu the apt package is a snap wrapper, so install Chromium another way), or
point CHROMIUM_PATH at an existing Chromium or Chrome binary and run again.
MSG
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing and there is no apt-get to install it; set CHROMIUM_PATH to a Chromium binary" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package with apt"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium

if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "ensure-chromium: apt-get install chromium finished but $CHROMIUM_PATH is still missing" >&2
  exit 1
fi
print_version
