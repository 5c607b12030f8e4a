#!/usr/bin/env bash
# Transformer hop through the gateway: one command, from the repo root, after `mvn package`:   bench/pipeline.sh
# (on the shared machines: flock /tmp/augur-mvn.lock bench/pipeline.sh)
#
# Starts the gateway in local mode with two InferenceServices on the same iris model:
#   iris      predictor only; the client does the pre-processing itself (orders the named fields into a row)
#   pipeline  Augur's transformer (named fields -> tensor, examples/pipelines/iris.yaml) in front of the predictor
# Both answer V1 {"predictions": [1]} for KServe's sample row. Then, interleaved, wrk (HTTP/1.1, one client thread):
#   gateway -> predictor                          POST /v1/models/iris:predict      {"instances": [[6.8, 2.8, 4.8, 1.4]]}
#   gateway -> transformer -> gateway -> predictor POST /v1/models/pipeline:predict {"instances": [{"sepal_length": ...}]}
# at 1 and 8 connections; prints req/s, p50, p99 and the ratio, saved to bench/results/pipeline-<date>.md.
# Settings: BENCH_DURATION [8s], BENCH_WARMUP [30s], BENCH_PORT [18095], BENCH_CONNECTIONS ["1 8"], BENCH_REPEATS [3].
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
DURATION=${BENCH_DURATION:-8s}
WARMUP=${BENCH_WARMUP:-30s}
PORT=${BENCH_PORT:-18095}
CONNECTIONS=${BENCH_CONNECTIONS:-1 8}
REPEATS=${BENCH_REPEATS:-3}
JAVA=${BENCH_JAVA:-java}
STAMP=$(date +%Y-%m-%d-%H%M%S)
mkdir -p "$BENCH_DIR/results"
REPORT=$BENCH_DIR/results/pipeline-$STAMP.md
die() { echo "bench: ERROR: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }
for c in wrk curl "$JAVA"; do command -v "$c" >/dev/null || die "'$c' not found"; done
for m in gateway predictor transformer; do
    [ -f "$m/target/quarkus-app/quarkus-run.jar" ] || die "build first: mvn -B package -DskipTests"
done

WORK=$(mktemp -d)
GW_PID=
cleanup() {
    [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/services" "$WORK/run"
svc() {   # svc NAME EXTRA_YAML
    cat > "$WORK/services/$1.yaml" <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: $1
spec:
  predictor:
    model:
      modelFormat: {name: onnx}
      storageUri: file://$ROOT/models/iris-logreg
$2
YAML
}
svc iris ""
svc pipeline "  transformer:
    containers:
      - name: kserve-container
        image: ghcr.io/augur-dev/augur-transformer:0.1.0
        env:
          - {name: AUGUR_TRANSFORMER_PIPELINE, value: $ROOT/examples/pipelines/iris.yaml}"
echo '{"instances": [[6.8, 2.8, 4.8, 1.4]]}' > "$WORK/plain.json"
echo '{"instances": [{"sepal_length": 6.8, "sepal_width": 2.8, "petal_length": 4.8, "petal_width": 1.4}]}' > "$WORK/named.json"

say "starting the gateway on :$PORT (local mode, services in $WORK/services)"
QUARKUS_HTTP_PORT=$PORT AUGUR_SERVICES_DIR="$WORK/services" AUGUR_LOCAL_RUN_DIR="$WORK/run" \
    AUGUR_LOCAL_PREDICTOR_JAR="$ROOT/predictor/target/quarkus-app/quarkus-run.jar" \
    AUGUR_LOCAL_TRANSFORMER_JAR="$ROOT/transformer/target/quarkus-app/quarkus-run.jar" \
    AUGUR_LOCAL_GATEWAY_ADDRESS="127.0.0.1:$PORT" AUGUR_GATEWAY_ACCESS_LOG=false AUGUR_KAFKA_ENABLED=false \
    "$JAVA" -jar gateway/target/quarkus-app/quarkus-run.jar > "$WORK/run/gateway.log" 2>&1 &
GW_PID=$!
BASE=http://127.0.0.1:$PORT
check() {   # check PATH BODY: the answer must be {"predictions":[1]} (KServe's sample row is versicolor)
    curl -fsS -H 'Content-Type: application/json' --data-binary @"$2" "$BASE$1" 2>/dev/null
}
for _ in $(seq 1 180); do
    a=$(check /v1/models/iris:predict "$WORK/plain.json" || true)
    b=$(check /v1/models/pipeline:predict "$WORK/named.json" || true)
    [ "$a" = '{"predictions":[1]}' ] && [ "$b" = '{"predictions":[1]}' ] && break
    sleep 1
done
[ "$a" = '{"predictions":[1]}' ] || die "iris answered '$a'; gateway log: $WORK/run/gateway.log"
[ "$b" = '{"predictions":[1]}' ] || die "pipeline answered '$b'; logs: $WORK/run/"
say "both answer {\"predictions\":[1]}; warming up $WARMUP each"
wrk -t1 -c8 -d"$WARMUP" -s "$BENCH_DIR/wrk-report.lua" "$BASE/v1/models/iris:predict" -- "$WORK/plain.json" >/dev/null
wrk -t1 -c8 -d"$WARMUP" -s "$BENCH_DIR/wrk-report.lua" "$BASE/v1/models/pipeline:predict" -- "$WORK/named.json" >/dev/null

RAW=$WORK/raw.tsv
for rep in $(seq 1 "$REPEATS"); do
    for c in $CONNECTIONS; do
        for path in iris pipeline; do
            body=$WORK/plain.json; [ $path = pipeline ] && body=$WORK/named.json
            line=$(wrk -t1 -c"$c" -d"$DURATION" --timeout 5s -s "$BENCH_DIR/wrk-report.lua" \
                "$BASE/v1/models/$path:predict" -- "$body" | grep BENCH_RESULT)
            eval "$(echo "$line" | sed 's/BENCH_RESULT //; s/ /;/g')"
            [ "$status_errors" = 0 ] && [ "$socket_errors" = 0 ] || die "$path at $c: errors in $line"
            rps=$(awk -v r="$requests" -v d="$duration_us" 'BEGIN{printf "%.0f", r / (d / 1e6)}')
            say "rep $rep $path c=$c: $rps req/s p50 ${p50_us} us p99 ${p99_us} us"
            printf '%s\t%s\t%s\t%s\t%s\n' "$path" "$c" "$rps" "$p50_us" "$p99_us" >> "$RAW"
        done
    done
done

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
{
    echo "# Transformer hop through the gateway $STAMP"
    echo
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); wrk -t1, gateway, transformer, predictor share it"
    echo "- git: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with local changes)'); java: $("$JAVA" -version 2>&1 | head -1)"
    echo "- $REPEATS interleaved passes of $DURATION per run, medians; access log off; one iris row per request"
    echo
    echo "| connections | gateway -> predictor req/s | gateway -> transformer -> predictor req/s | ratio | p50 ms (predictor / with transformer) | added p50 ms | p99 ms (predictor / with transformer) |"
    echo "|---:|---:|---:|---:|---|---:|---|"
    for c in $CONNECTIONS; do
        col() { awk -F'\t' -v p="$1" -v c="$c" -v k="$2" '$1==p && $2==c {print $k}' "$RAW" | median; }
        r1=$(col iris 3); r2=$(col pipeline 3); a1=$(col iris 4); a2=$(col pipeline 4); b1=$(col iris 5); b2=$(col pipeline 5)
        awk -v c="$c" -v r1="$r1" -v r2="$r2" -v a1="$a1" -v a2="$a2" -v b1="$b1" -v b2="$b2" 'BEGIN{
            printf "| %d | %.0f | %.0f | %.2f | %.3f / %.3f | +%.3f | %.3f / %.3f |\n", c, r1, r2, r2/r1, a1/1000, a2/1000, (a2-a1)/1000, b1/1000, b2/1000}'
    done
} | tee "$REPORT"
say "saved $REPORT"
