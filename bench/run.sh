#!/usr/bin/env bash
# Predictor benchmark: one command, from the repo root:   bench/run.sh
#
# Starts the predictor jar, checks V1/V2 REST and gRPC answers are correct,
# warms up, then measures throughput and latency of
#   REST (wrk, HTTP/1.1):  GET /v2/health/live (baseline), V2 infer, V1 predict
#   gRPC (h2load, h2c):    ServerLive (baseline), ModelInfer
# and prints a Markdown table, also saved to bench/results/predictor-<date>.md.
# See bench/README.md for what the numbers mean and the targets.
#
# Settings (environment):
#   AUGUR_PREDICTOR_JAR   predictor jar   [predictor/target/quarkus-app/quarkus-run.jar]
#   AUGUR_MODEL_REPOSITORY models dir     [models]
#   BENCH_DURATION        per measured run, wrk/h2load syntax        [15s]
#   BENCH_REPEATS         full passes; the table shows medians        [1]
#   BENCH_WARMUP          least load before measuring                 [10s]
#   BENCH_WARMUP_MAX      most load before measuring: the warm-up goes on in 10 s rounds until the
#                         JIT compiler threads used under BENCH_JIT_QUIET % of a core in the last round [120s]
#   BENCH_JIT_QUIET       see BENCH_WARMUP_MAX                        [5]
#   BENCH_CONNECTIONS     REST connection counts                      ["1 8 32 64"]
#   BENCH_GRPC_LOADS      gRPC CONNECTIONSxSTREAMS_PER_CONNECTION     ["1x1 8x1 32x1 1x32"]
#   BENCH_PORT            port the predictor listens on (REST + gRPC) [18081]
#   BENCH_JAVA / BENCH_JAVA_OPTS  java binary and extra JVM flags     [java / none]
#   BENCH_PYTHON          python with grpcio, for the gRPC check      [/usr/bin/python3]
#   BENCH_PIN             1: the predictor on the last CPU, wrk/h2load on the others (taskset), so the two never
#                         race for one core; the JVM then sizes itself for one CPU. Far less run-to-run spread on
#                         a 2-core machine; compare pinned runs with pinned runs only.  [0]
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
START_DIR=$PWD
cd "$ROOT"

DURATION=${BENCH_DURATION:-15s}
REPEATS=${BENCH_REPEATS:-1}
WARMUP=${BENCH_WARMUP:-10s}
WARMUP_MAX=${BENCH_WARMUP_MAX:-120s}
JIT_QUIET=${BENCH_JIT_QUIET:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-1 8 32 64}
GRPC_LOADS=${BENCH_GRPC_LOADS:-1x1 8x1 32x1 1x32}
PORT=${BENCH_PORT:-18081}
JAVA=${BENCH_JAVA:-java}
PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
JAR=${AUGUR_PREDICTOR_JAR:-predictor/target/quarkus-app/quarkus-run.jar}
MODELS=${AUGUR_MODEL_REPOSITORY:-models}
# Relative paths given by the caller mean relative to where they ran us.
case $JAR in /*) ;; *) [ -e "$JAR" ] || JAR=$START_DIR/$JAR ;; esac
case $MODELS in /*) ;; *) [ -e "$MODELS" ] || MODELS=$START_DIR/$MODELS ;; esac
BASE=http://127.0.0.1:$PORT
SERVER_PIN=()
LOAD_PIN=()
if [ "${BENCH_PIN:-0}" = 1 ]; then
    last=$(($(nproc) - 1))
    [ "$last" -ge 1 ] || { echo "bench: BENCH_PIN=1 needs 2 CPUs or more" >&2; exit 1; }
    SERVER_PIN=(taskset -c "$last")
    LOAD_PIN=(taskset -c "0-$((last - 1))")
fi

STAMP=$(date +%Y-%m-%d-%H%M%S)
RESULTS_DIR=$BENCH_DIR/results
REPORT=$RESULTS_DIR/predictor-$STAMP.md
SERVER_LOG=$RESULTS_DIR/predictor-$STAMP.server.log
RAW=$RESULTS_DIR/predictor-$STAMP.tsv

die() { echo "bench: ERROR: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- tools ---
need() {   # need COMMAND INSTALL_HINT
    command -v "$1" >/dev/null 2>&1 || die "'$1' not found; install it with: $2"
}
need wrk    "apt-get install wrk"
need h2load "apt-get install nghttp2-client"
need curl   "apt-get install curl"
need "$JAVA" "apt-get install openjdk-21-jre-headless (or set BENCH_JAVA)"
[ -x "$PYTHON" ] || die "$PYTHON not found; install it with: apt-get install python3"
"$PYTHON" -c 'import grpc' 2>/dev/null \
    || die "$PYTHON cannot 'import grpc'; install it with: apt-get install python3-grpcio"
[ -f "$JAR" ] || die "predictor jar not found: $JAR (build it, or set AUGUR_PREDICTOR_JAR)"
[ -d "$MODELS" ] || die "model repository not found: $MODELS (set AUGUR_MODEL_REPOSITORY)"
# Absolute paths, so the report says exactly what ran.
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
MODELS=$(cd "$MODELS" && pwd)

# Something already on the port would be benchmarked instead of our server.
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
    die "port $PORT is already in use; stop that process or set BENCH_PORT"
fi

mkdir -p "$RESULTS_DIR"
WORK=$(mktemp -d)

# ------------------------------------------------------- server lifecycle ---
SERVER_PID=
WARM_PIDS=()
cleanup() {
    local rc=$? pid
    for pid in "${WARM_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        say "stopping predictor (pid $SERVER_PID)"
        kill "$SERVER_PID" 2>/dev/null || true
        # Quarkus shuts down gracefully in a few seconds; do not leave it behind.
        for _ in $(seq 1 30); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    if [ "$rc" -ne 0 ]; then
        say "failed (exit $rc); predictor log: $SERVER_LOG"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # run the EXIT trap on Ctrl-C / kill as well

say "starting predictor: $JAR (models: $MODELS, port $PORT)"
# Loopback only: the load generators run on this machine, nothing else should reach it.
# shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of flags
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT AUGUR_MODEL_REPOSITORY=$MODELS \
    "${SERVER_PIN[@]}" "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

# Ready means every model is loaded, not just that the port is open.
for i in $(seq 1 120); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$SERVER_LOG" >&2; die "predictor exited during startup"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/v2/health/ready")" = 200 ] && break
    [ "$i" = 120 ] && { tail -n 30 "$SERVER_LOG" >&2; die "predictor not ready after 60 s"; }
    sleep 0.5
done
say "predictor ready (pid $SERVER_PID)"

# ------------------------------------------------------------ payloads ---
# KServe's sample iris row; iris-logreg classifies it as 1 (versicolor).
V2_BODY=$WORK/v2.json
V1_BODY=$WORK/v1.json
printf '%s' '{"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[6.8,2.8,4.8,1.4]}]}' >"$V2_BODY"
printf '%s' '{"instances":[[6.8,2.8,4.8,1.4]]}' >"$V1_BODY"
# gRPC frames (5-byte prefix + protobuf) that h2load sends verbatim.
"$PYTHON" "$BENCH_DIR/grpc_frames.py" write "$WORK"
INFER_FRAME=$WORK/model_infer.grpc
LIVE_FRAME=$WORK/server_live.grpc
GRPC_PATH=/inference.GRPCInferenceService

# --------------------------------------------------------- correctness ---
# A fast wrong answer is worthless: check each measured endpoint once, loudly.
post() {   # post PATH BODY_FILE OUT_FILE -> prints HTTP status
    curl -s -o "$3" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data-binary @"$2" "$BASE$1"
}
code=$(curl -s -o "$WORK/live.out" -w '%{http_code}' "$BASE/v2/health/live")
[ "$code" = 200 ] || die "GET /v2/health/live returned HTTP $code: $(cat "$WORK/live.out")"

code=$(post /v2/models/iris-logreg/infer "$V2_BODY" "$WORK/v2.out")
[ "$code" = 200 ] || die "V2 infer returned HTTP $code: $(cat "$WORK/v2.out")"
"$PYTHON" - "$WORK/v2.out" <<'EOF' || die "V2 infer answer is wrong: $(cat "$WORK/v2.out")"
import json, sys
out = {o["name"]: o for o in json.load(open(sys.argv[1]))["outputs"]}
sys.exit(0 if out["label"]["data"] == [1] else 1)
EOF

code=$(post /v1/models/iris-logreg:predict "$V1_BODY" "$WORK/v1.out")
[ "$code" = 200 ] || die "V1 predict returned HTTP $code: $(cat "$WORK/v1.out")"
"$PYTHON" -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != {"predictions": [1]})' \
    "$WORK/v1.out" || die "V1 predict answer is wrong (want {\"predictions\":[1]}): $(cat "$WORK/v1.out")"
say "REST ok: V2 label [1], V1 {\"predictions\":[1]}, live 200"

# h2load only sees HTTP 200s, and gRPC errors arrive as HTTP 200 + grpc-status
# trailer, so an independent client (grpcio) checks the very same message.
"$PYTHON" "$BENCH_DIR/grpc_frames.py" verify "127.0.0.1:$PORT" >&2 || die "gRPC check failed"

# ------------------------------------------------------------ runners ---
printf 'protocol\tendpoint\tload\trepeat\treq_per_s\tp50_us\tp99_us\terrors\n' >"$RAW"

# wrk -t1: one client thread (one core) leaves the other core to the server.
run_wrk() {   # run_wrk ENDPOINT CONNECTIONS REPEAT PATH [BODY_FILE]
    local ep=$1 conns=$2 rep=$3 path=$4 line requests dur_us p50 p99 sock status rps
    line=$("${LOAD_PIN[@]}" wrk -t1 -c"$conns" -d"$DURATION" --timeout 5s -s "$BENCH_DIR/wrk-report.lua" \
        "$BASE$path" ${5:+-- "$5"} | grep '^BENCH_RESULT') \
        || die "wrk produced no result for $ep at $conns connections"
    # BENCH_RESULT requests=N duration_us=N p50_us=N p99_us=N socket_errors=N status_errors=N
    read -r requests dur_us p50 p99 sock status <<<"$(echo "$line" | sed 's/[a-z0-9_]*=//g; s/^BENCH_RESULT //')"
    rps=$(awk -v n="$requests" -v us="$dur_us" 'BEGIN { printf "%.1f", n / (us / 1e6) }')
    printf 'REST\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ep" "$conns" "$rep" "$rps" "$p50" "$p99" $((sock + status)) >>"$RAW"
    say "$(printf '  REST %-6s %3s conn: %9s req/s  p50 %6.3f ms  p99 %6.3f ms  errors %s' \
        "$ep" "$conns" "$rps" "$(awk -v u="$p50" 'BEGIN{print u/1000}')" "$(awk -v u="$p99" 'BEGIN{print u/1000}')" $((sock + status)))"
}

# h2load -t1 for the same reason. It has no percentiles of its own, so its
# per-request log (start, status, microseconds) is sorted for p50/p99.
run_h2load() {   # run_h2load ENDPOINT LOAD(CxM) REPEAT METHOD FRAME_FILE
    local ep=$1 load=$2 rep=$3 method=$4 frame=$5 conns streams out log rps failed errored timeout ok2xx data errors p50 p99
    conns=${load%x*}
    streams=${load#*x}
    out=$WORK/h2load.out
    log=$WORK/h2load.log
    rm -f "$log"
    "${LOAD_PIN[@]}" h2load -t1 -c"$conns" -m"$streams" -D "$DURATION" --log-file="$log" \
        -H 'content-type: application/grpc' -H 'te: trailers' -d "$frame" \
        "$BASE$GRPC_PATH/$method" >"$out" 2>&1 || { cat "$out" >&2; die "h2load failed for $method at $load"; }
    # finished in 5.00s, 12345.67 req/s, 1.23MB/s
    rps=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$out")
    # requests: N total, N started, N done, N succeeded, N failed, N errored, N timeout
    read -r failed errored timeout <<<"$(sed -n 's/^requests: .* \([0-9]*\) failed, \([0-9]*\) errored, \([0-9]*\) timeout.*/\1 \2 \3/p' "$out")"
    ok2xx=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' "$out")
    # traffic: 332.15KB (340120) total, 5.90KB (6043) headers (...), 251.95KB (258000) data
    data=$(sed -n 's/^traffic: .*(\([0-9]*\)) data$/\1/p' "$out")
    [ -n "$rps" ] && [ -n "$ok2xx" ] && [ -n "$data" ] || { cat "$out" >&2; die "cannot parse h2load output"; }
    errors=$((failed + errored + timeout))
    # Every good gRPC response carries a message frame of at least 5 bytes; a
    # gRPC error is "trailers only", no data. Fewer data bytes than 5 per 2xx
    # response means at least this many responses were gRPC errors.
    if [ "$data" -lt $((5 * ok2xx)) ]; then
        errors=$((errors + ok2xx - data / 5))
    fi
    read -r p50 p99 <<<"$(awk '$2 == 200 { print $3 }' "$log" | sort -n | awk '
        { v[NR] = $1 }
        # nearest-rank percentile: the ceil(p * n)-th smallest value
        function pct(p,  k) { k = int(p * NR); if (k < p * NR) k++; if (k < 1) k = 1; return v[k] }
        END { if (NR) print pct(0.50), pct(0.99); else print 0, 0 }')"
    printf 'gRPC\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ep" "$load" "$rep" "$rps" "$p50" "$p99" "$errors" >>"$RAW"
    say "$(printf '  gRPC %-10s %5s: %9s req/s  p50 %6.3f ms  p99 %6.3f ms  errors %s' \
        "$ep" "$load" "$rps" "$(awk -v u="$p50" 'BEGIN{print u/1000}')" "$(awk -v u="$p99" 'BEGIN{print u/1000}')" "$errors")"
}

# --------------------------------------------------------------- warm-up ---
# The JIT compiles the hot paths under load: all five requests at once, in
# rounds of 10 s, for at least BENCH_WARMUP and until the compiler threads are
# quiet (at most BENCH_WARMUP_MAX). A fixed warm-up left C2 compiling through
# the first measured runs (1 connection), more so with the predictor pinned to
# one core, where the compiler and the server share it.
# shellcheck source=bench/jit.sh
. "$BENCH_DIR/jit.sh"
warm_round() {   # warm_round SECONDS
    WARM_PIDS=()
    "${LOAD_PIN[@]}" wrk -t1 -c4 -d"$1s" "$BASE/v2/health/live" >/dev/null & WARM_PIDS+=($!)
    "${LOAD_PIN[@]}" wrk -t1 -c4 -d"$1s" -s "$BENCH_DIR/wrk-report.lua" "$BASE/v2/models/iris-logreg/infer" -- "$V2_BODY" >/dev/null & WARM_PIDS+=($!)
    "${LOAD_PIN[@]}" wrk -t1 -c4 -d"$1s" -s "$BENCH_DIR/wrk-report.lua" "$BASE/v1/models/iris-logreg:predict" -- "$V1_BODY" >/dev/null & WARM_PIDS+=($!)
    for m in ModelInfer:"$INFER_FRAME" ServerLive:"$LIVE_FRAME"; do
        "${LOAD_PIN[@]}" h2load -t1 -c4 -m1 -D "$1" -H 'content-type: application/grpc' -H 'te: trailers' \
            -d "${m#*:}" "$BASE$GRPC_PATH/${m%%:*}" >/dev/null & WARM_PIDS+=($!)
    done
    for pid in "${WARM_PIDS[@]}"; do wait "$pid" || die "a warm-up client failed"; done
    WARM_PIDS=()
}
warm_min=$(secs_of "$WARMUP")
warm_max=$(secs_of "$WARMUP_MAX")
say "warming up: at least $warm_min s, until the JIT threads use < $JIT_QUIET% of a core (at most $warm_max s)"
WARMED=0
while :; do
    round=$(( warm_min - WARMED > 10 ? warm_min - WARMED : 10 ))
    read -r _ jit_before <<<"$(ticks "$SERVER_PID")"
    warm_round "$round"
    WARMED=$((WARMED + round))
    read -r _ jit_after <<<"$(ticks "$SERVER_PID")"
    pct=$(( (jit_after - jit_before) * 100 / CLK_TCK / round ))
    say "  warm-up $WARMED s: JIT threads used $pct% of a core in the last $round s"
    [ "$pct" -lt "$JIT_QUIET" ] && break
    if [ "$WARMED" -ge "$warm_max" ]; then
        say "warning: the JIT is still busy after $WARMED s of warm-up; the first runs will be slower (BENCH_WARMUP_MAX)"
        break
    fi
done

# ------------------------------------------------------------- measure ---
# Endpoints are interleaved within each load level (baseline, V2, V1 at 1
# connection, then at 8, ...), and repeats are whole passes, so slow drift
# (another build on the machine, thermal) hits all endpoints alike.
n_runs=$(( REPEATS * ($(wc -w <<<"$CONNECTIONS") * 3 + $(wc -w <<<"$GRPC_LOADS") * 2) ))
say "measuring: $n_runs runs of $DURATION each"
for rep in $(seq 1 "$REPEATS"); do
    [ "$REPEATS" -gt 1 ] && say "pass $rep of $REPEATS"
    for c in $CONNECTIONS; do
        run_wrk live "$c" "$rep" /v2/health/live
        run_wrk v2   "$c" "$rep" /v2/models/iris-logreg/infer "$V2_BODY"
        run_wrk v1   "$c" "$rep" /v1/models/iris-logreg:predict "$V1_BODY"
    done
    for load in $GRPC_LOADS; do
        run_h2load grpc-live  "$load" "$rep" ServerLive "$LIVE_FRAME"
        run_h2load grpc-infer "$load" "$rep" ModelInfer "$INFER_FRAME"
    done
done

# The server's own log is part of the evidence: errors during load show here.
if grep -qE ' (ERROR|WARN) ' "$SERVER_LOG"; then
    say "note: the predictor logged warnings/errors during the run, see $SERVER_LOG"
fi

# -------------------------------------------------------------- report ---
{
    echo "# Predictor benchmark $STAMP"
    echo
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "- java: $("$JAVA" -version 2>&1 | head -n 1)$( [ -n "${BENCH_JAVA_OPTS:-}" ] && echo ", opts: $BENCH_JAVA_OPTS")"
    "$JAVA" -version 2>&1 | sed -n '2,$s/^/  /p'
    echo "- jar: $JAR"
    echo "- git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "- tools: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(h2load --version 2>&1 | head -n 1)"
    echo "- settings: duration $DURATION per run, $REPEATS repeat(s) (medians), warm-up $WARMED s (JIT quiet: under $JIT_QUIET% of a core), wrk -t1, h2load -t1${BENCH_PIN:+, BENCH_PIN=$BENCH_PIN}"
    echo "- gRPC connections: C, or C × S streams per connection (h2load -c C -m S)"
    echo
    "$PYTHON" "$BENCH_DIR/report.py" "$RAW"
} >"$REPORT"

echo
cat "$REPORT"
echo
say "saved $REPORT (raw: $RAW)"
