#!/usr/bin/env bash
# Shows, for each local server, whether it runs, whether it answers, its address and its log.
# Exit code 0 when all of them run and answer, 1 otherwise.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

all_ok=true
row() {
  local name=$1 address=$2 check=$3 pid health
  pid=$(running_pid "$name")
  if [[ -z $pid ]]; then
    health="stopped"
    all_ok=false
  elif "$check" >/dev/null 2>&1; then
    health="healthy"
  else
    health="NOT ANSWERING"
    all_ok=false
  fi
  printf '%-9s %-14s pid %-8s %-34s %s\n' "$name" "$health" "${pid:--}" "$address" "$(log_file "$name")"
}

row kafka "$KAFKA_BROKERS" kafka_healthy
row postgres "127.0.0.1:$POSTGRES_PORT" postgres_healthy
row ferretdb "$MONGO_URL" ferretdb_healthy
row redis "$REDIS_URL" redis_healthy
$all_ok
