#!/usr/bin/env bash
# InferenceGraph benchmark: one command, from the repo root, after `mvn package`:   bench/graph.sh
# (on the shared machines: flock /tmp/augur-mvn.lock bench/graph.sh)
#
# Starts one predictor (iris-logreg as "iris", iris-forest as "forest") and the gateway in local mode routing two
# InferenceServices to it (predictor-address annotation: nothing supervised) and two InferenceGraphs:
#   one-hop   Sequence of one step (iris)           -> the cost of one graph hop
#   ensemble  Ensemble of iris and forest (parallel) -> the cost of fanning out and merging two answers
# Baseline in the same run: the same V1 request to the InferenceService through the gateway
# (POST /v1/models/iris:predict). wrk -t1 at 1 and 8 connections; the three paths alternate within each repeat,
# each repeat starting with the next path, so drift on the shared machine hits them alike. Prints a Markdown table with medians and ratios, saved to
# bench/results/graph-<date>.md. About 6.5 minutes with the defaults.
#
# Settings (environment): BENCH_DURATION [10s] per run, BENCH_WARMUP [20s], BENCH_REPEAT [5], BENCH_PORT [18191]
# (+1 used too), BENCH_JAVA [java].
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-20s}
REPEAT=${BENCH_REPEAT:-5}
PORT=${BENCH_PORT:-18191}
JAVA=${BENCH_JAVA:-java}
P_PORT=$PORT; G_PORT=$((PORT + 1))
PREDICTOR_JAR=predictor/target/quarkus-app/quarkus-run.jar
GATEWAY_JAR=gateway/target/quarkus-app/quarkus-run.jar
STAMP=$(date +%Y-%m-%d-%H%M%S)
mkdir -p "$BENCH_DIR/results"
REPORT=$BENCH_DIR/results/graph-$STAMP.md

die() { echo "bench: ERROR: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }
for c in wrk curl "$JAVA"; do command -v "$c" >/dev/null || die "'$c' not found (apt-get install wrk curl)"; done
[ -f "$PREDICTOR_JAR" ] && [ -f "$GATEWAY_JAR" ] || die "build first: mvn -B -pl predictor,gateway -am package -DskipTests"

WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

mkdir -p "$WORK/repo/iris/1" "$WORK/repo/forest/1" "$WORK/services"
cp models/iris-logreg/1/model.onnx "$WORK/repo/iris/1/"
cp models/iris-forest/1/model.onnx "$WORK/repo/forest/1/"
for s in iris forest; do
    cat > "$WORK/services/$s.yaml" <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: $s
  annotations:
    local.augur.dev/predictor-address: 127.0.0.1:$P_PORT
spec:
  predictor:
    model: {modelFormat: {name: onnx}, storageUri: "file://$WORK/repo/$s"}
YAML
done
cat > "$WORK/services/graphs.yaml" <<YAML
apiVersion: serving.kserve.io/v1alpha1
kind: InferenceGraph
metadata: {name: one-hop}
spec:
  nodes:
    root:
      routerType: Sequence
      steps:
      - serviceName: iris
---
apiVersion: serving.kserve.io/v1alpha1
kind: InferenceGraph
metadata: {name: ensemble}
spec:
  nodes:
    root:
      routerType: Ensemble
      steps:
      - {name: logreg, serviceName: iris}
      - {name: forest, serviceName: forest}
YAML
BODY=$WORK/body.json
echo '{"instances": [[6.8, 2.8, 4.8, 1.4]]}' > "$BODY"

start() {   # start NAME PORT READY_PATH JAR [ENV...]
    local name=$1 port=$2 ready=$3 jar=$4; shift 4
    env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" "$@" "$JAVA" -jar "$jar" >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:$port$ready" >/dev/null && return 0
        sleep 0.2
    done
    cat "$WORK/$name.log" >&2; die "$name did not start"
}
say "starting the predictor and the gateway"
start predictor "$P_PORT" /v2/health/ready "$PREDICTOR_JAR" AUGUR_MODEL_REPOSITORY="$WORK/repo"
start gateway "$G_PORT" /v2/health/ready "$GATEWAY_JAR" AUGUR_SERVICES_DIR="$WORK/services" \
    AUGUR_LOCAL_RUN_DIR="$WORK/run" AUGUR_GATEWAY_ACCESS_LOG=false AUGUR_KAFKA_ENABLED=false

G=http://127.0.0.1:$G_PORT
check() {   # check PATH EXPECTED_BODY
    local got; got=$(curl -s -X POST -H 'content-type: application/json' --data-binary @"$BODY" "$G$1")
    [ "$got" = "$2" ] || die "$1 answered $got, expected $2"
}
for _ in $(seq 1 50); do
    curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$BODY" "$G/augur/graphs/ensemble" | grep -q 200 && break
    sleep 0.2
done
check /v1/models/iris:predict '{"predictions":[1]}'
check /augur/graphs/one-hop '{"predictions":[1]}'
check /augur/graphs/ensemble '{"logreg":{"predictions":[1]},"forest":{"predictions":[1]}}'

PATHS=(/v1/models/iris:predict /augur/graphs/one-hop /augur/graphs/ensemble)
NAMES=("InferenceService (baseline)" "graph: Sequence of one step" "graph: Ensemble of two steps")
run() {   # run PATH CONNS DURATION -> "rps p50_ms p99_ms errors"
    local line requests dur p50 p99 sock status
    line=$(wrk -t1 -c"$2" -d"$3" --timeout 5s -s "$BENCH_DIR/wrk-report.lua" "$G$1" -- "$BODY" | grep '^BENCH_RESULT') \
        || die "wrk produced no result for $1"
    read -r requests dur p50 p99 sock status <<<"$(echo "$line" | sed 's/[a-z0-9_]*=//g; s/^BENCH_RESULT //')"
    awk -v n="$requests" -v us="$dur" -v a="$p50" -v b="$p99" -v e=$((sock + status)) \
        'BEGIN { printf "%.1f %.3f %.3f %d\n", n / (us / 1e6), a / 1000, b / 1000, e }'
}
say "warming up ($WARMUP per path)"
for p in "${PATHS[@]}"; do run "$p" 4 "$WARMUP" >/dev/null; done

RAW=$WORK/raw.tsv
for c in 1 8; do
    for rep in $(seq 1 "$REPEAT"); do
        for k in 0 1 2; do
            i=$(((k + rep) % 3))
            r=$(run "${PATHS[$i]}" "$c" "$DURATION")
            printf '%s\t%s\t%s\n' "$i" "$c" "$r" | tr ' ' '\t' >> "$RAW"
            say "$(printf '%-30s c%-2s rep %s: %s' "${NAMES[$i]}" "$c" "$rep" "$r")"
        done
    done
done

median() {   # median PATH_INDEX CONNS COLUMN(3=rps 4=p50 5=p99)
    awk -F'\t' -v i="$1" -v c="$2" -v col="$3" '$1 == i && $2 == c { print $col }' "$RAW" | sort -g \
        | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
{
    echo "# InferenceGraph benchmark ($STAMP)"
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $("$JAVA" -version 2>&1 | head -1)."
    echo "\`bench/graph.sh\`: wrk -t1, V1 JSON (one iris row), $DURATION per run, medians of $REPEAT runs, the three paths"
    echo "alternating; predictor, gateway and client share the machine. Ratios are against the InferenceService path."
    echo
    echo "| path | connections | req/s | ratio | p50 ms | p99 ms | p50 added ms | errors |"
    echo "|---|---|---|---|---|---|---|---|"
    for c in 1 8; do
        base_rps=$(median 0 "$c" 3); base_p50=$(median 0 "$c" 4)
        for i in 0 1 2; do
            rps=$(median "$i" "$c" 3); p50=$(median "$i" "$c" 4); p99=$(median "$i" "$c" 5)
            errs=$(awk -F'\t' -v i="$i" -v c="$c" '$1 == i && $2 == c { s += $6 } END { print s + 0 }' "$RAW")
            echo "| ${NAMES[$i]} | $c | $rps | $(awk -v a="$rps" -v b="$base_rps" 'BEGIN { printf "%.2f", a / b }') | $p50 | $p99 | $(awk -v a="$p50" -v b="$base_p50" 'BEGIN { printf "%+.3f", a - b }') | $errs |"
        done
    done
} | tee "$REPORT"
say "saved $REPORT"
