#!/usr/bin/env bash
# Predictor CPU time per REST request, two builds interleaved: one command, from the repo root:
#   bench/cpu_per_request.sh BEFORE_JAR AFTER_JAR
# For each of BENCH_RUNS rounds and each build: starts the jar (models/iris-forest as `iris`), runs wrk at
# BENCH_CONNECTIONS for BENCH_WARMUP, then measures for BENCH_DURATION and divides the predictor's user+system CPU
# time over that run (/proc/PID/stat) by the requests served; GET /v2/health/live (no work) and a one-row V2 infer.
# CPU per request does not depend on how wrk and the JVM share the cores as throughput does (both run here).
# Settings: BENCH_RUNS [3], BENCH_CONNECTIONS [8], BENCH_WARMUP [5s], BENCH_DURATION [10s], BENCH_PORT [18601], JAVA.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${BENCH_RUNS:-3}; CONNS=${BENCH_CONNECTIONS:-8}; WARMUP=${BENCH_WARMUP:-5s}; DURATION=${BENCH_DURATION:-10s}
PORT=${BENCH_PORT:-18601}; JAVA=${JAVA:-java}
WORK=$(mktemp -d /tmp/augur-cpu.XXXXXX); PID=
trap '[[ -n $PID ]] && kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/repo"; cp -r "$ROOT/models/iris-forest" "$WORK/repo/iris"
echo '{"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[6.8,2.8,4.8,1.4]}]}' > "$WORK/iris.json"
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f\n", ($14 + $15) * 1000000 / hz }' "/proc/$PID/stat"; }
# $1 path [$2 body file]: "req/s cpu_us_per_request"
measure() {
  local args=(-t2 -c"$CONNS" -s "$ROOT/bench/wrk-report.lua" "http://127.0.0.1:$PORT$1"); [[ $# -gt 1 ]] && args+=(-- "$2")
  wrk -d"$WARMUP" "${args[@]}" >/dev/null
  local c0 c1 line; c0=$(cpu); line=$(wrk -d"$DURATION" "${args[@]}" | grep BENCH_RESULT); c1=$(cpu)
  [[ $line == *"status_errors=0"* ]] || { echo "errors: $line" >&2; exit 1; }
  awk -v l="$line" -v c=$((c1 - c0)) 'BEGIN { split(l, f, /[ =]/); for (i in f) v[f[i]] = f[i+1];
    printf "%.0f %.1f\n", v["requests"] / (v["duration_us"] / 1e6), c / v["requests"] }'
}
echo "| round | build | endpoint | req/s | CPU µs / request |"; echo "|---|---|---|---:|---:|"
for r in $(seq "$RUNS"); do
  for build in before after; do
    jar=$1; [[ $build == after ]] && jar=$2
    QUARKUS_HTTP_PORT=$PORT AUGUR_MODEL_REPOSITORY=$WORK/repo "$JAVA" -jar "$jar" >"$WORK/$build.log" 2>&1 & PID=$!
    until curl -sf -o /dev/null "localhost:$PORT/v2/health/ready"; do sleep 0.1; done
    read -r rps c < <(measure /v2/health/live); echo "| $r | $build | live | $rps | $c |"
    read -r rps c < <(measure /v2/models/iris/infer "$WORK/iris.json"); echo "| $r | $build | V2 infer | $rps | $c |"
    kill $PID; wait $PID 2>/dev/null || true; PID=
  done
done
