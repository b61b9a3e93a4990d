#!/usr/bin/env bash
# Fault injection: SIGKILLs one local server started by up.sh (by its pid file; a pid is only
# signalled if its command line is the expected server's) and waits until it is gone, with
# no chance to shut down cleanly. `up.sh NAME` starts it again.
#   kill.sh kafka|postgres|ferretdb|redis
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# == 1)) || die "usage: kill.sh kafka|postgres|ferretdb|redis"
name=$1
[[ " ${SERVERS[*]} " == *" $name "* ]] || die "unknown server '$name' (expected one of: ${SERVERS[*]})"

pid=$(running_pid "$name")
[[ -n $pid ]] || die "$name is not running (no live process behind $(pid_file "$name"))"
if [[ $name == postgres ]]; then
  # The whole server, as in a crash: the postmaster and its backends (its children, each in
  # a process group of its own). Backends left behind would hold the data directory and stop
  # the next start.
  children=$(pgrep -P "$pid" || true)
  kill -KILL "$pid"
  for child in $children; do kill -KILL "$child" 2>/dev/null || true; done
  for child in $children; do while alive "$child"; do sleep 0.05; done; done
else
  kill -KILL "$pid"
fi
while alive "$pid"; do sleep 0.05; done
rm -f "$(pid_file "$name")"
log "$name: killed (pid $pid)"
