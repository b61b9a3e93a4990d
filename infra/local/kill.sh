#!/usr/bin/env bash
# Fault injection: SIGKILLs one local server started by up.sh (by its pid file; a pid is only
# signalled if its command line is the expected server's) and waits until it is gone, with
# no chance to shut down cleanly. `up.sh NAME` starts it again.
#   kill.sh kafka|ferretdb|redis
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# == 1)) || die "usage: kill.sh kafka|ferretdb|redis"
name=$1
[[ " ${SERVERS[*]} " == *" $name "* ]] || die "unknown server '$name' (expected one of: ${SERVERS[*]})"

pid=$(running_pid "$name")
[[ -n $pid ]] || die "$name is not running (no live process behind $(pid_file "$name"))"
kill -KILL "$pid"
while alive "$pid"; do sleep 0.05; done
rm -f "$(pid_file "$name")"
log "$name: killed (pid $pid)"
