#!/usr/bin/env bash
# Stops the local Kafka, PostgreSQL, FerretDB and Redis started by up.sh (by their pid files):
# SIGTERM (SIGINT for PostgreSQL: its fast shutdown, which does not wait for clients), then
# SIGKILL after $STOP_TIMEOUT seconds.
#   --purge  also deletes their data (.infra/data), keeping the cached jars and binaries.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

purge=false
for arg in "$@"; do
  case "$arg" in
    --purge) purge=true ;;
    -h | --help)
      sed -n '2,4p' "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) die "unknown argument '$arg' (expected --purge)" ;;
  esac
done

take_lock
declare -A pids=()

for name in "${SERVERS[@]}"; do
  pid=$(running_pid "$name")
  if [[ -z $pid ]]; then
    log "$name: not running"
    continue
  fi
  log "$name: stopping (pid $pid)"
  signal=TERM
  [[ $name != postgres ]] || signal=INT
  kill -"$signal" "$pid" 2>/dev/null || true
  pids[$name]=$pid
done

deadline=$(($(now) + STOP_TIMEOUT))
for name in "${!pids[@]}"; do
  pid=${pids[$name]}
  while alive "$pid" && (($(now) < deadline)); do
    sleep 0.2
  done
  if alive "$pid"; then
    warn "$name (pid $pid) still running after ${STOP_TIMEOUT}s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    while alive "$pid"; do sleep 0.1; done
  fi
  rm -f "$(pid_file "$name")"
  log "$name: stopped"
done

rm -f "$ENV_FILE"

if $purge; then
  rm -rf "$DATA_DIR"
  log "purged $DATA_DIR"
fi
