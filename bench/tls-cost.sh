#!/usr/bin/env bash
# TLS cost, side by side: redis-benchmark against our sentinel without and with TLS, and against redis-sentinel
# without and with TLS (the same certificates: EC P-256, made here with openssl; clients present a certificate,
# tls-auth-clients yes). Each sentinel monitors the same plain master. Reports req/s, p50, the sentinel's CPU per
# request (utime+stime from /proc) and its VmRSS after the runs. One unrecorded warm-up round first.
#   bench/tls-cost.sh [requests per run, default 100000]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
N="${1:-100000}"
W="$(mktemp -d /tmp/tls-cost-XXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
BASE=$((20000 + RANDOM % 20000))
MASTER=$BASE

cd "$W"
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' > ext.cnf
EC=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
openssl req -x509 -new "${EC[@]}" -keyout ca.key -out ca.crt -days 2 -subj /CN=bench-ca 2>/dev/null
openssl req -new "${EC[@]}" -keyout s.key -out s.csr -subj /CN=bench 2>/dev/null
openssl x509 -req -in s.csr -CA ca.crt -CAkey ca.key -set_serial 1 -days 2 -extfile ext.cnf -out s.crt 2>/dev/null
TLS_CLIENT=(--tls --cert "$W/s.crt" --key "$W/s.key" --cacert "$W/ca.crt")

redis-server --port "$MASTER" --bind 127.0.0.1 --save "" --dir "$W" >master.log 2>&1 & PIDS+=($!)

conf() {  # conf <name> <port> <tls: 0|1>
  mkdir -p "$W/$1"
  { if [[ $3 == 1 ]]; then
      printf 'port 0\ntls-port %s\ntls-cert-file %s/s.crt\ntls-key-file %s/s.key\ntls-ca-cert-file %s/ca.crt\n' \
        "$2" "$W" "$W" "$W"
    else printf 'port %s\n' "$2"; fi
    printf 'bind 127.0.0.1\ndir "%s"\nsentinel monitor mymaster 127.0.0.1 %s 1\n' "$W/$1" "$MASTER"
  } > "$W/$1/sentinel.conf"
  echo "$W/$1/sentinel.conf"
}

declare -A PID PORT TLS
start() {  # start <name> <port> <tls> <ours|redis>
  local c; c="$(conf "$1" "$2" "$3")"
  if [[ $4 == ours ]]; then "$ROOT/bin/sentinel" "$c" --metrics-port -1 >"$W/$1.log" 2>&1 & 
  else redis-sentinel "$c" >"$W/$1.log" 2>&1 & fi
  PID[$1]=$!; PORT[$1]=$2; TLS[$1]=$3; PIDS+=($!)
}
cli() {  # cli <name> args...
  local n=$1; shift
  if [[ ${TLS[$n]} == 1 ]]; then redis-cli "${TLS_CLIENT[@]}" -p "${PORT[$n]}" "$@"; else redis-cli -p "${PORT[$n]}" "$@"; fi
}

"$ROOT/bin/sentinel" --version >/dev/null  # builds the jar first when needed
start ours-plain $((BASE + 1)) 0 ours; start ours-tls $((BASE + 2)) 1 ours
start redis-plain $((BASE + 3)) 0 redis; start redis-tls $((BASE + 4)) 1 redis
NAMES=(ours-plain ours-tls redis-plain redis-tls)
for n in "${NAMES[@]}"; do
  for _ in $(seq 1 200); do [[ "$(cli "$n" ping 2>/dev/null)" == PONG ]] && break; sleep 0.1; done
done

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # clock ticks (1/100 s)
bench() {  # bench <name> <pipeline> <requests> command...
  local n=$1 p=$2 r=$3; shift 3
  local extra=(); [[ ${TLS[$n]} == 1 ]] && extra=("${TLS_CLIENT[@]}")
  redis-benchmark -h 127.0.0.1 -p "${PORT[$n]}" "${extra[@]}" -c 50 -n "$r" -P "$p" --csv "$@" | tail -1
}

# warm-up: the JIT, and the 50 TLS handshakes of each run's first requests
for n in "${NAMES[@]}"; do for _ in 1 2; do bench "$n" 16 "$N" ping >/dev/null; bench "$n" 1 $((N / 2)) ping >/dev/null; done; done
echo "| sentinel | command | -P | req/s | p50 ms | CPU µs/request |"
echo "|---|---|---|---|---|---|"
for cmd in ping "sentinel get-master-addr-by-name mymaster"; do
  for p in 1 16; do
    for n in "${NAMES[@]}"; do
      before=$(cpu "${PID[$n]}")
      # shellcheck disable=SC2086
      row=$(bench "$n" "$p" "$N" $cmd)
      used=$(( $(cpu "${PID[$n]}") - before ))
      rps=$(echo "$row" | cut -d, -f2 | tr -d '"'); p50=$(echo "$row" | cut -d, -f5 | tr -d '"')
      echo "| $n | ${cmd/sentinel /} | $p | $rps | $p50 | $(awk -v c="$used" -v n="$N" 'BEGIN{printf "%.2f", c*10000/n}') |"
    done
  done
done
echo
echo "| sentinel | VmRSS after the runs (MiB) |"
echo "|---|---|"
for n in "${NAMES[@]}"; do
  echo "| $n | $(awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/${PID[$n]}/status") |"
done
