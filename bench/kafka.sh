#!/usr/bin/env bash
# Records per second through the Kafka path, with and without micro-batching, in one run.
# One command, from the repo root, after `mvn package -DskipTests`:   bench/kafka.sh
#
# A real broker (bin/kafka-broker), one predictor and the gateway with its Kafka path on. For each mode a fresh
# requests topic is filled with KAFKA_BENCH_RECORDS iris requests (V2, one row each) BEFORE the gateway starts,
# then the gateway drains it; throughput = answers / (last answer's broker timestamp - first answer's), so the
# gateway's start-up is not counted. Modes: micro-batching on (augur.kafka.max-batch-rows=64) and off (=1).
# Needs kcat (apt-get install kcat) to fill and read the topics.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${KAFKA_BENCH_RECORDS:-20000}
REPEATS=${BENCH_REPEATS:-1}
command -v kcat >/dev/null || { echo "kafka bench: kcat is needed (apt-get install kcat)" >&2; exit 1; }
WORK=$(mktemp -d)
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export KAFKA_PORT=$(free_port) KAFKA_CONTROLLER_PORT=$(free_port) KAFKA_DIR=$WORK/kafka
PRED_PORT=$(free_port)
GW_PORT=$(free_port)
BROKER=127.0.0.1:$KAFKA_PORT
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    bin/kafka-broker stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

bin/kafka-broker start >&2
QUARKUS_HTTP_PORT=$PRED_PORT AUGUR_MODEL_REPOSITORY=models java -jar predictor/target/quarkus-app/quarkus-run.jar \
    >"$WORK/predictor.log" 2>&1 &
PIDS+=($!)
until curl -sf -o /dev/null "http://127.0.0.1:$PRED_PORT/v2/health/ready"; do sleep 0.2; done
mkdir -p "$WORK/services"
cat >"$WORK/services/iris-logreg.yaml" <<Y
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: iris-logreg
  annotations:
    local.augur.dev/predictor-address: 127.0.0.1:$PRED_PORT
spec:
  predictor:
    model:
      modelFormat:
        name: onnx
      storageUri: $PWD/models/iris-logreg
Y
# N request lines, key|value, the 150 iris rows in turn.
/usr/bin/python3 - "$N" >"$WORK/requests.txt" <<'PY'
import json, sys
ref = json.load(open("models/iris-logreg/reference.json"))
for i in range(int(sys.argv[1])):
    row = ref["inputs"][i % 150]
    print("r-%d|%s" % (i, json.dumps({"inputs": [{"name": "float_input", "shape": [1, 4], "datatype": "FP32", "data": row}]})))
PY

run_mode() {   # run_mode NAME MAX_BATCH_ROWS REPEAT -> "records_per_second"
    local name=$1 rows=$2 rep=$3 topic="bench-$1-$3" replies="bench-replies-$1-$3"
    kcat -b "$BROKER" -t "$topic" -P -K '|' -H augur-model=iris-logreg -H "augur-reply-to=$replies" <"$WORK/requests.txt"
    QUARKUS_HTTP_PORT=$GW_PORT AUGUR_SERVICES_DIR="$WORK/services" AUGUR_LOCAL_RUN_DIR="$WORK/run-$name" \
        AUGUR_KAFKA_ENABLED=true AUGUR_KAFKA_BOOTSTRAP_SERVERS=$BROKER AUGUR_KAFKA_REQUESTS_TOPIC="$topic" \
        AUGUR_KAFKA_MAX_BATCH_ROWS=$rows AUGUR_GATEWAY_ACCESS_LOG=false \
        java -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway-$name-$rep.log" 2>&1 &
    local gw=$!
    local got=0 deadline=$((SECONDS + 600))
    while ((got < N)) && ((SECONDS < deadline)); do
        sleep 1
        got=$(kcat -b "$BROKER" -t "$replies" -C -o beginning -e -q -f '%k\n' 2>/dev/null | sort -u | wc -l)
    done
    kill "$gw"; wait "$gw" 2>/dev/null || true
    ((got >= N)) || { echo "kafka bench: only $got of $N answered in mode $name" >&2; exit 1; }
    kcat -b "$BROKER" -t "$replies" -C -o beginning -e -q -f '%T\n' | sort -n | awk -v n="$N" \
        'NR==1 {first=$1} {last=$1} END {printf "%.0f\n", (n - 1) / ((last - first) / 1000.0)}'
}

echo "| mode | records | records/s (median of $REPEATS) | runs |"
echo "|---|---:|---:|---|"
for mode in "micro-batched 64" "one-by-one 1"; do
    set -- $mode
    results=()
    for rep in $(seq 1 "$REPEATS"); do results+=("$(run_mode "$1" "$2" "$rep")"); done
    median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
    echo "| $1 (max-batch-rows=$2) | $N | $median | ${results[*]} |"
done
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1)"
