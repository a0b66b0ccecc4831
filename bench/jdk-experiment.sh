#!/usr/bin/env bash
# Experiment only (issue 10): runs sentinel-server/target/sentinel-server.jar on a JDK 25 instead of the JDK 17 the
# product targets, to compare the footprint. The product stays on Java 17; bin/sentinel is the supported launcher.
#
#   bench/jdk-experiment.sh <sentinel.conf> [--no-aot] [--no-coh] [sentinel options ...]
#
# Flags: conf/jvm.flags (java @conf/jvm.flags) plus its "#optional" ones that this java accepts (as bin/sentinel
# does), plus -XX:+UseCompactObjectHeaders (JEP 519, product in JDK 25; --no-coh leaves it out) and an AOT cache
# (JEP 483 class loading and linking, JEP 515 method profiles; --no-aot leaves it out) in place of bin/sentinel's
# JDK 17 CDS archive. The cache is trained once per jar, flag set and java, the way bin/train-cds trains the CDS
# archive: the daemon on a throwaway config (metrics off) until a second after it answers PING, then SIGTERM by
# pid; -XX:AOTCacheOutput (JEP 514) makes the JVM write the cache as it exits. Every later run maps it with
# -XX:AOTCache. The cache is kept under sentinel-server/target/ (one file per flag set).
# The JDK: $JAVA25_HOME, else the newest /usr/lib/jvm/*25* that has bin/java.
# Environment: JAVA_OPTS and SENTINEL_JAVA_OPTS are added after our flags, as in bin/sentinel.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
TARGET="$ROOT/sentinel-server/target"
JAR="$TARGET/sentinel-server.jar"
FLAGS_FILE="$ROOT/conf/jvm.flags"

if (($# < 1)); then
  echo "usage: bench/jdk-experiment.sh <sentinel.conf> [--no-aot] [--no-coh] [sentinel options ...]" >&2
  exit 2
fi
AOT=1 COH=1 ARGS=()
for arg in "$@"; do
  case "$arg" in
    --no-aot) AOT=0 ;;
    --no-coh) COH=0 ;;
    *) ARGS+=("$arg") ;;
  esac
done

find_java() {
  if [[ -n "${JAVA25_HOME:-}" ]]; then echo "$JAVA25_HOME/bin/java"; return; fi
  local candidates=() dir
  for dir in /usr/lib/jvm/*25*; do [[ -x "$dir/bin/java" ]] && candidates+=("$dir/bin/java"); done
  ((${#candidates[@]})) || { echo "jdk-experiment: no JDK 25 under /usr/lib/jvm; set JAVA25_HOME" >&2; exit 1; }
  printf '%s\n' "${candidates[@]}" | sort -V | tail -n 1
}
JAVA="$(find_java)"
[[ -x "$JAVA" ]] || { echo "jdk-experiment: $JAVA is not executable" >&2; exit 1; }
[[ -f "$JAR" ]] || {
  echo "jdk-experiment: $JAR missing; build it: mvn -B -o -q package -DskipTests -Dfuzz.skip=true" >&2
  exit 1
}

FLAGS=("@$FLAGS_FILE")
# The "#optional" flags this java accepts, probed once per java and flag file (as bin/sentinel does), so that the
# probe is not part of the start time: the first line of $OPTIONAL names the java, then one accepted flag a line.
OPTIONAL="$TARGET/sentinel-jdk25.jvmflags"
JAVA_ID="# $(readlink -f "$JAVA") $(stat -Lc %Y "$JAVA")"
if [[ ! -f "$OPTIONAL" || "$FLAGS_FILE" -nt "$OPTIONAL" || "$(head -n 1 "$OPTIONAL")" != "$JAVA_ID" ]]; then
  mapfile -t MAYBE < <(sed -n 's/^#optional[[:space:]]\+//p' "$FLAGS_FILE")
  { echo "$JAVA_ID"
    for flag in "${MAYBE[@]}"; do
      if "$JAVA" "$flag" -version >/dev/null 2>&1; then echo "$flag"
      else echo "jdk-experiment: $JAVA refuses $flag; left out" >&2; fi
    done; } > "$OPTIONAL.tmp"
  mv "$OPTIONAL.tmp" "$OPTIONAL"
fi
mapfile -t optional < <(tail -n +2 "$OPTIONAL")
FLAGS+=("${optional[@]}")
if ((COH)); then FLAGS+=(-XX:+UseCompactObjectHeaders); fi

answers_ping() {  # answers_ping <port>: true if something on 127.0.0.1:<port> replies +PONG within 1 s
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf '*1\r\n$4\r\nPING\r\n' >&3
    read -r -t 1 reply <&3 && [[ "$reply" == "+PONG"* ]]
  ) 2>/dev/null
}

free_port() {  # a random port in 20000-49999 that nothing on 127.0.0.1 listens on
  local port
  for _ in {1..50}; do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

train_aot() {  # train_aot <cache>: one training run that writes the AOT cache at exit; 0 with the cache written
  local cache="$1" dir port pid
  dir="$(mktemp -d)"
  port="$(free_port)" || { rm -rf "$dir"; return 1; }
  printf 'port %s\nbind 127.0.0.1\ndir "%s"\nsentinel monitor training 127.0.0.1 1 1\n' "$port" "$dir" \
    > "$dir/sentinel.conf"
  "$JAVA" "${FLAGS[@]}" -XX:AOTCacheOutput="$dir/sentinel.aot" -jar "$JAR" "$dir/sentinel.conf" --metrics-port -1 \
    > "$dir/training.log" 2>&1 &
  pid=$!
  for _ in {1..150}; do  # up to 15 s to start
    kill -0 "$pid" 2>/dev/null || break
    answers_ping "$port" && break
    sleep 0.1
  done
  if ! answers_ping "$port"; then
    kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    echo "jdk-experiment: the training run did not answer PING; no AOT cache. Its log:" >&2
    tail -n 20 "$dir/training.log" >&2; rm -rf "$dir"; return 1
  fi
  sleep 1  # as bin/train-cds: let the links and the INFO path run once
  kill -TERM "$pid"; wait "$pid" || true  # the JVM assembles the cache (a child java) before it exits
  if [[ ! -s "$dir/sentinel.aot" ]]; then
    echo "jdk-experiment: the JVM wrote no AOT cache. Its log:" >&2; tail -n 20 "$dir/training.log" >&2
    rm -rf "$dir"; return 1
  fi
  mv "$dir/sentinel.aot" "$cache"; rm -rf "$dir"
}

if ((AOT)); then
  suffix="coh$COH"
  CACHE="$TARGET/sentinel-jdk25-$suffix.aot"
  STAMP="$CACHE.id"  # which java and flags the cache was made with; a change or a newer jar makes a new one
  ID="$(readlink -f "$JAVA") $(stat -Lc %Y "$JAVA") ${FLAGS[*]}"
  (
    flock 9
    if [[ -f "$CACHE" && ( "$JAR" -nt "$CACHE" || "$FLAGS_FILE" -nt "$CACHE" || "$(cat "$STAMP" 2>/dev/null)" != "$ID" ) ]]; then
      rm -f "$CACHE"
    fi
    if [[ -f "$CACHE.failed" && "$JAR" -nt "$CACHE.failed" ]]; then rm -f "$CACHE.failed"; fi  # retry after a build
    if [[ ! -f "$CACHE" && ! -f "$CACHE.failed" ]]; then
      if train_aot "$CACHE"; then echo "$ID" > "$STAMP"; else touch "$CACHE.failed"; fi
    fi
  ) 9> "$TARGET/.jdk-experiment.lock"
  # AOTMode stays auto: a cache the JVM cannot use is reported and ignored, the daemon still starts
  if [[ -f "$CACHE" ]]; then FLAGS+=(-XX:AOTCache="$CACHE"); fi
fi

# shellcheck disable=SC2086  # the option strings are meant to split into words
exec "$JAVA" "${FLAGS[@]}" ${JAVA_OPTS:-} ${SENTINEL_JAVA_OPTS:-} -jar "$JAR" "${ARGS[@]}"
