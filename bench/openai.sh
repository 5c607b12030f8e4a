#!/usr/bin/env bash
# OpenAI API benchmark: one command, from the repo root:   bench/openai.sh
#
# Starts the packaged gateway on a free port with three InferenceServices (local mode starts their predictors):
# minilm (all-MiniLM-L6-v2, dynamic batching max_batch_size 32), minilm-unbatched (the same files without
# batching), tiny-gpt (the tiny decoder, 8 instances, each stream stepping alone) and tiny-gpt-batched (the same
# files with batched decode steps, max_batch_size 8). Then, through the gateway's OpenAI API with plain fetch
# (bench/openai-load.mjs):
#   embeddings/s: 8 clients x 1 text per request without and with dynamic batching, and 8 clients x 32 texts per
#                 request (the API's own batching);
#   generation:   streamed chat completions (max_tokens 128, greedy) at 1 and 8 concurrent streams, without and
#                 with batched decode steps: tokens/s over all streams, per stream, time to first token (p50/p90).
# Prints a Markdown table, also saved to bench/results/openai-<date>.md.
#
# Settings (environment): BENCH_DURATION seconds per scenario [15], BENCH_JAVA [java].
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DURATION=${BENCH_DURATION:-15}
JAVA=${BENCH_JAVA:-java}
GATEWAY_JAR=gateway/target/quarkus-app/quarkus-run.jar
PREDICTOR_JAR=predictor/target/quarkus-app/quarkus-run.jar
STAMP=$(date +%Y-%m-%d-%H%M%S)
RESULTS=bench/results
WORK=$(mktemp -d /tmp/augur-openai-bench.XXXXXX)
mkdir -p "$RESULTS"

die() { echo "bench: ERROR: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }
command -v node >/dev/null || die "node (18+) is needed"
[[ -f $GATEWAY_JAR && -f $PREDICTOR_JAR ]] || die "build first: mvn -B package -DskipTests"
[[ -f models/all-minilm-l6-v2/1/model.onnx ]] || die "models/all-minilm-l6-v2 is not staged: build the predictor"

isvc() {   # isvc NAME MODEL_FOLDER
  printf 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: %s\nspec:\n  predictor:\n    model:\n      modelFormat:\n        name: huggingface\n      storageUri: file://%s\n' "$1" "$2"
}
mkdir -p "$WORK/services" "$WORK/minilm-unbatched/1" "$WORK/tiny-gpt-batched/1"
ln -s "$ROOT/models/all-minilm-l6-v2/1/model.onnx" "$ROOT/models/all-minilm-l6-v2/1/tokenizer.json" "$WORK/minilm-unbatched/1/"
echo "format: huggingface" > "$WORK/minilm-unbatched/config.yaml"
ln -s "$ROOT"/models/tiny-gpt/1/* "$WORK/tiny-gpt-batched/1/"
printf 'format: huggingface\ninstances: 8\nmax_batch_size: 8\nmax_latency_ms: 2\n' > "$WORK/tiny-gpt-batched/config.yaml"
isvc minilm "$ROOT/models/all-minilm-l6-v2" > "$WORK/services/minilm.yaml"
isvc minilm-unbatched "$WORK/minilm-unbatched" > "$WORK/services/minilm-unbatched.yaml"
isvc tiny-gpt "$ROOT/models/tiny-gpt" > "$WORK/services/tiny-gpt.yaml"
isvc tiny-gpt-batched "$WORK/tiny-gpt-batched" > "$WORK/services/tiny-gpt-batched.yaml"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
env -u AUGUR_SERVICES_DIR QUARKUS_HTTP_PORT=$PORT AUGUR_SERVICES_DIR="$WORK/services" AUGUR_LOCAL_RUN_DIR="$WORK/run" \
  AUGUR_LOCAL_PREDICTOR_JAR="$ROOT/$PREDICTOR_JAR" AUGUR_KAFKA_ENABLED=false AUGUR_GATEWAY_ACCESS_LOG=false \
  "$JAVA" -jar "$GATEWAY_JAR" > "$WORK/gateway.log" 2>&1 &
GATEWAY=$!
trap 'kill $GATEWAY 2>/dev/null; wait $GATEWAY 2>/dev/null || true; rm -rf "$WORK"' EXIT
say "gateway pid $GATEWAY on :$PORT; waiting for the three services"
for _ in $(seq 1 600); do
  s=$(curl -fsS "http://127.0.0.1:$PORT/augur/services" 2>/dev/null || true)
  if [[ $s == *'"name":"tiny-gpt-batched"'* && $s == *'"name":"minilm-unbatched"'* && $s != *'"ready":false'* ]]; then break; fi
  kill -0 $GATEWAY 2>/dev/null || die "gateway exited: $(tail -20 "$WORK/gateway.log")"
  sleep 0.2
done
say "measuring, $DURATION s per scenario"
RAW=$(node bench/openai-load.mjs "http://127.0.0.1:$PORT" "$DURATION")
echo "$RAW" > "$RESULTS/openai-$STAMP.jsonl"
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "### OpenAI API: embeddings and generation through the gateway"
  echo
  echo "\`bench/openai.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, $CPU, $("$JAVA" -version 2>&1 | head -1)," \
       "${DURATION} s per scenario after a warm-up; gateway and predictors on the same machine)."
  echo
  echo "$RAW" | python3 bench/openai_report.py
} | tee "$RESULTS/openai-$STAMP.md"
