#!/usr/bin/env bash
# Fetches and builds what the local servers need, skipping whatever is already there:
#   - the Kafka broker's jars (Maven Central)           -> .infra/kafka/libs
#   - FerretDB 1.24.2 built with Go (Go module proxy)   -> .infra/bin/ferretdb
#   - Debian's redis-server (apt-get), if absent         -> /usr/bin/redis-server
#   - Debian's postgresql (apt-get), if absent           -> /usr/lib/postgresql/<version>/bin
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check_prerequisites() {
  local missing=()
  command -v node >/dev/null || missing+=("node (Node.js 20, for the health checks and topic creation)")
  [[ -d $ROOT/node_modules/kafkajs ]] || missing+=("node_modules (run 'npm ci' at the repository root first)")
  command -v java >/dev/null || missing+=("java (a JDK or JRE 17+, to run Kafka)")
  if [[ ! -f $KAFKA_LIBS/.complete ]]; then
    command -v mvn >/dev/null || missing+=("mvn (Maven 3.8+, to fetch the Kafka jars)")
  fi
  if [[ ! -x $FERRETDB_BIN ]]; then
    command -v go >/dev/null || missing+=("go (Go 1.24+, to build FerretDB)")
  fi
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    if ! command -v apt-get >/dev/null; then
      missing+=("redis-server and redis-cli (install Redis 7; apt-get is not available here)")
    elif [[ $(id -u) -ne 0 ]]; then
      missing+=("redis-server and redis-cli (run: sudo apt-get install redis-server)")
    fi
  fi
  if [[ -z $(postgres_bin_dir) ]]; then
    if ! command -v apt-get >/dev/null; then
      missing+=("PostgreSQL 13+ server binaries (FerretDB's storage; apt-get is not available here)")
    elif [[ $(id -u) -ne 0 ]]; then
      missing+=("PostgreSQL (run: sudo apt-get install postgresql)")
    fi
  fi
  if ((${#missing[@]})); then
    printf '[infra] ERROR: missing prerequisites:\n' >&2
    printf '  - %s\n' "${missing[@]}" >&2
    exit 1
  fi

  if command -v java >/dev/null; then
    local java_major
    java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    if [[ -n $java_major ]] && ((java_major < 17)); then
      die "Kafka 4 needs Java 17 or newer; 'java' is version $java_major"
    fi
  fi
}

# A fingerprint of the files that define a cached product, so a change to them rebuilds it.
fingerprint() {
  cat "$@" | sha256sum | cut -d' ' -f1
}

provision_kafka() {
  local pom="$INFRA_SRC/kafka/pom.xml" stamp="$KAFKA_LIBS/.complete" want
  want=$(fingerprint "$pom")
  if [[ -f $stamp && $(<"$stamp") == "$want" ]]; then
    log "kafka jars: cached in $KAFKA_LIBS"
    return
  fi
  log "kafka jars: fetching with Maven (kafka_2.13 from $pom)"
  local tmp="$INFRA_HOME/kafka/libs.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  local out="$LOG_DIR/provision-kafka.log"
  if ! mvn -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
    -DoutputDirectory="$tmp" >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    die "mvn could not fetch the Kafka jars (full output: $out)"
  fi
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  printf '%s' "$want" >"$stamp"
  log "kafka jars: $(find "$KAFKA_LIBS" -name '*.jar' | wc -l) jars in $KAFKA_LIBS"
}

provision_ferretdb() {
  local src="$INFRA_SRC/ferretdb" stamp="$BIN_DIR/ferretdb.stamp" want
  want=$(fingerprint "$src/go.mod" "$src/go.sum" "$src/main.go")
  if [[ -x $FERRETDB_BIN && -f $stamp && $(<"$stamp") == "$want" ]]; then
    log "ferretdb: cached at $FERRETDB_BIN"
    return
  fi
  log "ferretdb: building FerretDB with $(go version | cut -d' ' -f3) (takes a minute or two when Go's caches are cold)"
  mkdir -p "$BIN_DIR"
  local out="$LOG_DIR/provision-ferretdb.log"
  # -mod=readonly: go.mod and go.sum are committed and must be used as they are.
  if ! (cd "$src" && CGO_ENABLED=0 go build -mod=readonly -buildvcs=false -trimpath \
    -o "$FERRETDB_BIN.tmp" .) >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    die "go build of FerretDB failed (full output: $out)"
  fi
  mv "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  printf '%s' "$want" >"$stamp"
  log "ferretdb: built $FERRETDB_BIN"
}

# apt_install PACKAGE: Debian's package, fetching the package lists first on a fresh machine.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "$1" >/dev/null 2>&1; then
    apt-get update -q >/dev/null || die "apt-get update failed"
    apt-get install -y -q --no-install-recommends "$1" >/dev/null || die "apt-get install $1 failed"
  fi
}

provision_redis() {
  if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
    log "redis: $(redis-server --version | cut -d' ' -f3) already installed"
    return
  fi
  log "redis: installing Debian's redis-server with apt-get"
  apt_install redis-server
  # Debian's package may start a system-wide Redis on 6379 where an init system runs; we do
  # not use it (ours runs on $REDIS_PORT), so it is left alone.
  log "redis: installed $(redis-server --version | cut -d' ' -f3)"
}

provision_postgres() {
  if [[ -n $(postgres_bin_dir) ]]; then
    log "postgres: $("$(postgres_bin_dir)/postgres" --version | cut -d' ' -f3) already installed"
    return
  fi
  log "postgres: installing Debian's postgresql with apt-get"
  apt_install postgresql
  # As with Redis, a system-wide cluster the package may start is not ours and is left alone.
  [[ -n $(postgres_bin_dir) ]] || die "postgresql was installed but no server binaries were found"
  log "postgres: installed $("$(postgres_bin_dir)/postgres" --version | cut -d' ' -f3)"
}

main() {
  local started
  started=$(now)
  check_prerequisites
  take_lock
  mkdir -p "$BIN_DIR" "$INFRA_HOME/kafka" "$LOG_DIR" "$RUN_DIR" "$DATA_DIR"
  provision_kafka
  provision_ferretdb
  provision_redis
  provision_postgres
  log "provisioned in $(($(now) - started))s"
}

main "$@"
