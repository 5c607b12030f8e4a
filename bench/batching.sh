#!/usr/bin/env bash
# Dynamic-batching benchmark: one command, from the repo root:   bench/batching.sh
#
# Makes an ONNX MLP (64-1024-1024-10, 4.5 MB of weights) twice in a temporary
# model repository, as `mlp` (no batching) and `mlp-batched` (max_batch_size,
# max_latency_ms), starts the predictor on it, checks both answer numpy's
# reference, warms up, then measures V2 REST, one row per request, with wrk at
# 32 and 64 connections, the two models alternately, BENCH_REPEATS passes.
# Prints a Markdown table (medians; batched ÷ unbatched ratios; rows per runtime
# call from augur_batch_size), also saved to bench/results/batching-<date>.md.
# See bench/README.md, "Dynamic batching".
#
# Settings (environment):
#   AUGUR_PREDICTOR_JAR   predictor jar   [predictor/target/quarkus-app/quarkus-run.jar]
#   BENCH_DURATION        per measured run, wrk syntax                 [15s]
#   BENCH_REPEATS         full passes; the table shows medians         [3]
#   BENCH_WARMUP          load on both models before measuring         [30s]
#   BENCH_CONNECTIONS     connection counts                            ["32 64"]
#   BENCH_MAX_BATCH_SIZE  mlp-batched's max_batch_size                 [32]
#   BENCH_MAX_LATENCY_MS  mlp-batched's max_latency_ms                 [2]
#   BENCH_PORT            port the predictor listens on                [18082]
#   BENCH_JAVA / BENCH_JAVA_OPTS  java binary and extra JVM flags      [java / none]
#   BENCH_PYTHON          python with numpy and onnx (Debian's)        [/usr/bin/python3]
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
START_DIR=$PWD
cd "$ROOT"

DURATION=${BENCH_DURATION:-15s}
REPEATS=${BENCH_REPEATS:-3}
WARMUP=${BENCH_WARMUP:-30s}
CONNECTIONS=${BENCH_CONNECTIONS:-32 64}
MAX_BATCH=${BENCH_MAX_BATCH_SIZE:-32}
MAX_LATENCY=${BENCH_MAX_LATENCY_MS:-2}
PORT=${BENCH_PORT:-18082}
JAVA=${BENCH_JAVA:-java}
PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
JAR=${AUGUR_PREDICTOR_JAR:-predictor/target/quarkus-app/quarkus-run.jar}
case $JAR in /*) ;; *) [ -e "$JAR" ] || JAR=$START_DIR/$JAR ;; esac
BASE=http://127.0.0.1:$PORT
MODELS="mlp mlp-batched"

STAMP=$(date +%Y-%m-%d-%H%M%S)
RESULTS_DIR=$BENCH_DIR/results
REPORT=$RESULTS_DIR/batching-$STAMP.md
SERVER_LOG=$RESULTS_DIR/batching-$STAMP.server.log
RAW=$RESULTS_DIR/batching-$STAMP.tsv

die() { echo "bench: ERROR: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- tools ---
need() {   # need COMMAND INSTALL_HINT
    command -v "$1" >/dev/null 2>&1 || die "'$1' not found; install it with: $2"
}
need wrk  "apt-get install wrk"
need curl "apt-get install curl"
need "$JAVA" "apt-get install openjdk-21-jre-headless (or set BENCH_JAVA)"
[ -x "$PYTHON" ] || die "$PYTHON not found; install it with: apt-get install python3"
"$PYTHON" -c 'import numpy, onnx' 2>/dev/null \
    || die "$PYTHON cannot 'import numpy, onnx'; install them with: apt-get install python3-numpy python3-onnx"
[ -f "$JAR" ] || die "predictor jar not found: $JAR (build it, or set AUGUR_PREDICTOR_JAR)"
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

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
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- models ---
REPO=$WORK/repo
REF=$WORK/reference.json
"$PYTHON" "$BENCH_DIR/make_models.py" "$REPO" --max-batch-size "$MAX_BATCH" --max-latency-ms "$MAX_LATENCY" >"$REF" \
    || die "make_models.py failed"
BODY=$WORK/v2.json
"$PYTHON" - "$REF" "$BODY" <<'EOF'
import json, sys
ref = json.load(open(sys.argv[1]))
body = {"inputs": [{"name": "x", "shape": [1, len(ref["input"])], "datatype": "FP32", "data": ref["input"]}]}
open(sys.argv[2], "w").write(json.dumps(body, separators=(",", ":")))
EOF

say "starting predictor: $JAR (models: $REPO, port $PORT)"
# shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of flags
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT AUGUR_MODEL_REPOSITORY=$REPO \
    "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
for i in $(seq 1 120); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$SERVER_LOG" >&2; die "predictor exited during startup"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/v2/health/ready")" = 200 ] && break
    [ "$i" = 120 ] && { tail -n 30 "$SERVER_LOG" >&2; die "predictor not ready after 60 s"; }
    sleep 0.5
done
say "predictor ready (pid $SERVER_PID)"

# --------------------------------------------------------- correctness ---
# 1. The very row wrk will send, on both models, against numpy (1e-3).
# 2. Eight different rows sent at once to mlp-batched: a merged batch must be
#    split back to the right callers (wrk's rows are all equal, so load alone
#    would not notice rows swapped between requests).
"$PYTHON" - "$BASE" "$REF" $MODELS <<'EOF' || die "correctness check failed"
import json, re, sys, threading, urllib.request
base, ref = sys.argv[1], json.load(open(sys.argv[2]))
models = sys.argv[3:]

def infer(model, row):
    body = {"inputs": [{"name": "x", "shape": [1, len(row)], "datatype": "FP32", "data": row}]}
    req = urllib.request.Request(base + "/v2/models/%s/infer" % model, json.dumps(body).encode(),
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        out = {o["name"]: o for o in json.load(r)["outputs"]}
    assert out["y"]["shape"] == [1, len(ref["expected"])], out["y"]["shape"]
    return out["y"]["data"]

def close(got, want):
    return len(got) == len(want) and max(abs(a - b) for a, b in zip(got, want)) <= 1e-3

for m in models:
    got = infer(m, ref["input"])
    if not close(got, ref["expected"]):
        sys.exit("bench: %s answered %s, numpy says %s" % (m, got, ref["expected"]))
    print("bench: %s ok: y matches numpy to 1e-3" % m, file=sys.stderr)

def batches():
    text = urllib.request.urlopen(base + "/q/metrics", timeout=10).read().decode()
    v = {}
    for k in ("count", "sum"):
        m = re.search(r'^augur_batch_size_%s\{[^}]*model_name="mlp-batched"[^}]*\} (\S+)' % k, text, re.M)
        v[k] = float(m.group(1)) if m else 0.0
    return v

merged = False
for attempt in range(5):
    before = batches()
    answers = [None] * len(ref["check"])
    gate = threading.Barrier(len(answers))
    def one(i):
        gate.wait()
        answers[i] = infer("mlp-batched", ref["check"][i]["input"])
    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(answers))]
    for t in threads: t.start()
    for t in threads: t.join()
    for i, c in enumerate(ref["check"]):
        if answers[i] is None or not close(answers[i], c["expected"]):
            sys.exit("bench: mlp-batched, concurrent row %d answered %s, numpy says %s" % (i, answers[i], c["expected"]))
    after = batches()
    calls = after["count"] - before["count"]
    if calls < len(answers):
        print("bench: mlp-batched ok: %d different concurrent rows, merged into %d runtime calls, each answer its own row"
              % (len(answers), calls), file=sys.stderr)
        merged = True
        break
if not merged:
    print("bench: warning: the concurrent rows were never merged; the split check did not run", file=sys.stderr)
EOF

# ---------------------------------------------------------------- metrics ---
# scrape MODEL -> "predict_count predict_sum batch_count batch_sum" (0 when absent)
scrape() {
    curl -s "$BASE/q/metrics" | awk -v m="model_name=\"$1\"" '
        index($0, m) == 0 { next }
        /^request_predict_seconds_count\{/ { pc = $NF }
        /^request_predict_seconds_sum\{/   { ps = $NF }
        /^augur_batch_size_count\{/        { bc = $NF }
        /^augur_batch_size_sum\{/          { bs = $NF }
        END { printf "%s %s %s %s\n", pc + 0, ps + 0, bc + 0, bs + 0 }'
}

# CPU used, in clock ticks: the server process (utime + stime), the whole
# machine (user, nice, system, irq, softirq) and steal (time the hypervisor
# gave our vCPUs to someone else). Over a run, machine - server - wrk is what
# other processes took: a run that shared the machine shows up there.
TICKS=$(getconf CLK_TCK)
cpu_ticks() {   # -> "server_ticks machine_busy_ticks steal_ticks"
    local server machine
    server=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
    machine=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9 }' /proc/stat)
    echo "$server $machine"
}

# ------------------------------------------------------------- runner ---
printf 'model\tconnections\trepeat\treq_per_s\tp50_us\tp99_us\terrors\tcalls\tcall_seconds\tbatches\tbatch_rows\tserver_cpu\twrk_cpu\tother_cpu\tsteal_cpu\n' >"$RAW"

run_wrk() {   # run_wrk MODEL CONNECTIONS REPEAT
    local model=$1 conns=$2 rep=$3 line requests dur_us p50 p99 sock status rps m0 m1 d c0 c1 t0 t1 wrk_ticks cpu
    m0=$(scrape "$model")
    c0=$(cpu_ticks)
    t0=$(date +%s.%N)
    # wrk's own CPU time comes from bash's `times` in a subshell that runs only wrk.
    line=$( (wrk -t1 -c"$conns" -d"$DURATION" --timeout 5s -s "$BENCH_DIR/wrk-report.lua" \
        "$BASE/v2/models/$model/infer" -- "$BODY" >"$WORK/wrk.out"; times >"$WORK/wrk.times") \
        && grep '^BENCH_RESULT' "$WORK/wrk.out") \
        || die "wrk produced no result for $model at $conns connections"
    t1=$(date +%s.%N)
    c1=$(cpu_ticks)
    m1=$(scrape "$model")
    # `times` prints children's user and system time as "0m1.234s 0m0.567s".
    wrk_ticks=$(tail -n 1 "$WORK/wrk.times" | awk -v hz="$TICKS" '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); n += a[1] * 60 + a[2] } printf "%d", n * hz }')
    # server, wrk, other processes and steal, in cores (CPU seconds per wall second).
    cpu=$(awk -v a="$c0" -v b="$c1" -v w="$wrk_ticks" -v hz="$TICKS" -v t0="$t0" -v t1="$t1" 'BEGIN {
        split(a, x, " "); split(b, y, " "); wall = (t1 - t0) * hz
        srv = y[1] - x[1]; other = (y[2] - x[2]) - srv - w; if (other < 0) other = 0
        printf "%.2f\t%.2f\t%.2f\t%.2f", srv / wall, w / wall, other / wall, (y[3] - x[3]) / wall }')
    read -r requests dur_us p50 p99 sock status <<<"$(echo "$line" | sed 's/[a-z0-9_]*=//g; s/^BENCH_RESULT //')"
    rps=$(awk -v n="$requests" -v us="$dur_us" 'BEGIN { printf "%.1f", n / (us / 1e6) }')
    # Counter deltas over this run: runtime calls, seconds in them, batches, rows batched.
    d=$(awk -v a="$m0" -v b="$m1" 'BEGIN { split(a, x, " "); split(b, y, " ");
        printf "%d\t%.6f\t%d\t%d", y[1] - x[1], y[2] - x[2], y[3] - x[3], y[4] - x[4] }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$model" "$conns" "$rep" "$rps" "$p50" "$p99" $((sock + status)) "$d" "$cpu" >>"$RAW"
    say "$(printf '  %-12s %3s conn: %9s req/s  p50 %6.3f ms  p99 %6.3f ms  errors %s  (calls, s, batches, rows: %s; cores server, wrk, other, steal: %s)' \
        "$model" "$conns" "$rps" "$(awk -v u="$p50" 'BEGIN{print u/1000}')" "$(awk -v u="$p99" 'BEGIN{print u/1000}')" \
        $((sock + status)) "$(echo "$d" | tr '\t' ' ')" "$(echo "$cpu" | tr '\t' ' ')")"
}

# --------------------------------------------------------------- warm-up ---
# Both models at once, at the lowest measured load: the JIT compiles the
# request path and the batcher's merge/split before anything is measured.
WARM_CONNS=$(echo "$CONNECTIONS" | tr ' ' '\n' | sort -n | head -n 1)
say "warming up for $WARMUP ($WARM_CONNS connections on each model)"
for m in $MODELS; do
    wrk -t1 -c"$WARM_CONNS" -d"$WARMUP" --timeout 5s -s "$BENCH_DIR/wrk-report.lua" \
        "$BASE/v2/models/$m/infer" -- "$BODY" >/dev/null & WARM_PIDS+=($!)
done
for pid in "${WARM_PIDS[@]}"; do wait "$pid" || die "a warm-up client failed"; done
WARM_PIDS=()

# ------------------------------------------------------------- measure ---
# Within a pass each connection count runs both models back to back, and the
# order flips every pass (mlp first in odd passes, mlp-batched first in even
# ones), so drift and "who ran second" hit both models alike.
n_runs=$(( REPEATS * $(wc -w <<<"$CONNECTIONS") * 2 ))
say "measuring: $n_runs runs of $DURATION each"
for rep in $(seq 1 "$REPEATS"); do
    [ "$REPEATS" -gt 1 ] && say "pass $rep of $REPEATS"
    order=$MODELS
    [ $((rep % 2)) = 0 ] && order="mlp-batched mlp"
    for c in $CONNECTIONS; do
        for m in $order; do
            run_wrk "$m" "$c" "$rep"
        done
    done
done

if grep -E ' (ERROR|WARN) ' "$SERVER_LOG" | grep -qv 'virtual threads'; then
    say "note: the predictor logged warnings/errors during the run, see $SERVER_LOG"
fi

# -------------------------------------------------------------- report ---
ORT=$(find "$(dirname "$JAR")/lib" -name '*onnxruntime-*.jar' -printf '%f\n' 2>/dev/null | head -n 1)
{
    echo "# Dynamic batching benchmark $STAMP"
    echo
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)"
    echo "- java: $("$JAVA" -version 2>&1 | head -n 1)$( [ -n "${BENCH_JAVA_OPTS:-}" ] && echo ", opts: $BENCH_JAVA_OPTS")"
    echo "- jar: $JAR (ONNX Runtime $(echo "${ORT:-unknown}" | sed 's/.*onnxruntime-\(.*\)\.jar/\1/'))"
    echo "- git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "- model: ONNX MLP 64-1024-1024-10 (Gemm+Relu, 1.13 M FP32 parameters, 4.5 MB), \`mlp\` and \`mlp-batched\` the same file; instances 2 (default) each, ONNX Runtime 1 intra-op thread"
    echo "- mlp-batched: max_batch_size $MAX_BATCH, max_latency_ms $MAX_LATENCY"
    echo "- load: wrk -t1 $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), V2 REST JSON, 1 row per request, $DURATION per run, $REPEATS pass(es) (medians), warm-up $WARMUP, models alternating"
    echo
    "$PYTHON" "$BENCH_DIR/batching_report.py" "$RAW"
} >"$REPORT"

echo
cat "$REPORT"
echo
say "saved $REPORT (raw: $RAW)"
