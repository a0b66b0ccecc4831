#!/usr/bin/env bash
# One state write (ConfigStore.persist, what the core loop runs before a vote leaves), timed in-process at K = 1, 20
# and 100 masters: the core thread's CPU and the wall time per write, after a warm-up, with the sentinel's own JVM
# flags (conf/jvm.flags: C1 only, SerialGC). Prints one JSON line per K (PersistBench in sentinel-server's tests).
#   bench/persist.sh [--masters 1,20,100] [--warmup 2000] [--writes 2000] [--state-file] [--dir DIR]
# --dir: where the files go (default: java's temp dir); --state-file: the read-only layout (sentinel-state.conf).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
CP_FILE="$(mktemp /tmp/persist-bench-cp-XXXX)"
trap 'rm -f "$CP_FILE"' EXIT
nice -n 10 mvn -B -o -q test-compile -pl sentinel-server -am >&2
nice -n 10 mvn -B -o -q dependency:build-classpath -pl sentinel-server -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=runtime >&2
CP="sentinel-core/target/classes:sentinel-server/target/classes:sentinel-server/target/test-classes:$(cat "$CP_FILE")"
java @conf/jvm.flags -cp "$CP" io.sentinel.server.config.PersistBench "$@"
