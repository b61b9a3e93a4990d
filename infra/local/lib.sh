# shellcheck shell=bash disable=SC2034
# Shared by provision.sh, up.sh, down.sh and status.sh: paths, ports and process helpers.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INFRA_SRC="$ROOT/infra"
INFRA_HOME="${INFRA_HOME:-$ROOT/.infra}"

BIN_DIR="$INFRA_HOME/bin"
KAFKA_LIBS="$INFRA_HOME/kafka/libs"
LOG_DIR="$INFRA_HOME/logs"
RUN_DIR="$INFRA_HOME/run"
DATA_DIR="$INFRA_HOME/data"
ENV_FILE="$INFRA_HOME/env"

FERRETDB_BIN="$BIN_DIR/ferretdb"

KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
MONGO_PORT="${MONGO_PORT:-27027}"
POSTGRES_PORT="${POSTGRES_PORT:-15432}"
REDIS_PORT="${REDIS_PORT:-16379}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

# FerretDB keeps its documents in PostgreSQL (Debian's package): this cluster, this database.
POSTGRES_DATA="$DATA_DIR/postgres"
POSTGRES_DB=ferretdb
POSTGRES_URL="postgres://postgres@127.0.0.1:$POSTGRES_PORT/$POSTGRES_DB"

# Fixed, so the data directory formatted once stays valid across runs (base64 of 16 bytes).
KAFKA_CLUSTER_ID="X4IAD_qlRXqNxFetxQbUZQ"

KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
MONGO_URL="mongodb://127.0.0.1:$MONGO_PORT/cashout"
REDIS_URL="redis://127.0.0.1:$REDIS_PORT"

# Seconds to wait for each server to answer, and for each to stop before it is killed.
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
MONGO_START_TIMEOUT="${MONGO_START_TIMEOUT:-30}"
POSTGRES_START_TIMEOUT="${POSTGRES_START_TIMEOUT:-60}"
REDIS_START_TIMEOUT="${REDIS_START_TIMEOUT:-15}"
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"

# In start order: FerretDB needs PostgreSQL.
SERVERS=(kafka postgres ferretdb redis)

log() { printf '[infra] %s\n' "$*"; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die() {
  printf '[infra] ERROR: %s\n' "$*" >&2
  exit 1
}

now() { date +%s; }

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }

# A word that the server's command line contains, so a recycled pid is never taken for ours.
process_signature() {
  case "$1" in
    kafka) printf 'kafka.Kafka' ;;
    postgres) printf -- '-D %s' "$POSTGRES_DATA" ;;
    ferretdb) printf '%s' "$FERRETDB_BIN" ;;
    redis) printf 'redis-server' ;;
    *) die "unknown server $1" ;;
  esac
}

# Prints the pid of a running server started by us, or nothing (and drops a stale pid file).
running_pid() {
  local name=$1 file pid cmdline
  file=$(pid_file "$name")
  [[ -f $file ]] || return 0
  pid=$(<"$file")
  if [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]]; then
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
    if [[ $cmdline == *"$(process_signature "$name")"* ]]; then
      printf '%s' "$pid"
      return 0
    fi
  fi
  rm -f "$file"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Starts a command in the background in its own session (so a Ctrl-C in the calling terminal
# does not reach it), with stdout and stderr appended to the server's log.
start_background() {
  local name=$1
  shift
  local log
  log=$(log_file "$name")
  printf '\n===== %s start %s =====\n' "$name" "$(date -u +%FT%TZ)" >>"$log"
  setsid "$@" >>"$log" 2>&1 </dev/null 9>&- &
  local pid=$! tries=0
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  # Until the child has exec'd the server, its command line is this shell's, and running_pid
  # would take the pid file for a stale one and drop it: wait (5 s at most) for the exec.
  while ((tries < 50)) && [[ -r /proc/$pid/cmdline ]] &&
    [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true) != *"$(process_signature "$name")"* ]]; do
    sleep 0.1
    tries=$((tries + 1))
  done
}

print_log_tail() {
  local name=$1 log
  log=$(log_file "$name")
  printf '[infra] ---- last lines of %s ----\n' "$log" >&2
  if [[ -f $log ]]; then tail -n 40 "$log" >&2; else printf '(no log)\n' >&2; fi
  printf '[infra] ----\n' >&2
}

# wait_healthy NAME TIMEOUT CHECK...: runs CHECK until it succeeds, the server dies, or TIMEOUT.
wait_healthy() {
  local name=$1 timeout=$2
  shift 2
  local deadline=$(($(now) + timeout))
  while true; do
    if [[ -z $(running_pid "$name") ]]; then
      print_log_tail "$name"
      die "$name exited during start-up (log: $(log_file "$name"))"
    fi
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if (($(now) >= deadline)); then
      print_log_tail "$name"
      die "$name did not become healthy within ${timeout}s (log: $(log_file "$name"))"
    fi
    sleep 0.5
  done
}

node_script() {
  node "$INFRA_SRC/scripts/$1" "${@:2}"
}

kafka_healthy() {
  port_open "$KAFKA_PORT" && KAFKA_BROKERS="$KAFKA_BROKERS" node_script check-kafka.js
}

# The newest PostgreSQL installed by Debian's packages, or the one on the PATH.
postgres_bin_dir() {
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  if [[ -z $dir ]] && command -v postgres >/dev/null; then dir=$(dirname "$(command -v postgres)"); fi
  printf '%s' "$dir"
}

# PostgreSQL refuses to run as root: as root, its commands run as the `postgres` account
# that Debian's package creates (setpriv execs, so the recorded pid is the server's).
AS_POSTGRES=()
if [[ $(id -u) -eq 0 ]]; then AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups --); fi

postgres_healthy() {
  "$(postgres_bin_dir)/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres
}

ferretdb_healthy() {
  port_open "$MONGO_PORT" && MONGO_URL="$MONGO_URL" node_script check-mongo.js
}

redis_healthy() {
  [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

# True while the process exists and is not a zombie waiting to be reaped.
alive() {
  local state
  # The state follows the command name, which is in parentheses and may hold spaces.
  state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ -n $state && $state != Z ]]
}

# One infra script at a time per .infra (two `up.sh` at once would start two brokers): a lock
# on .infra/run/lock, inherited by the scripts that this one runs, never by the servers.
take_lock() {
  [[ ${INFRA_LOCK_HELD:-} == "$INFRA_HOME" ]] && return 0
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/lock"
  if ! flock -w "${INFRA_LOCK_TIMEOUT:-900}" 9; then
    die "another infra script still holds $RUN_DIR/lock after ${INFRA_LOCK_TIMEOUT:-900}s"
  fi
  export INFRA_LOCK_HELD="$INFRA_HOME"
}
