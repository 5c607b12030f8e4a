#!/usr/bin/env bash
# Rows per second through the batch-job API (POST a JSON-lines file, poll until it has finished, read the results),
# compared with the Kafka topic path in the same run, for iris. One command, from the repo root, after
# `mvn package -DskipTests`:   bench/jobs.sh
#
# A real broker (bin/kafka-broker), one predictor and one gateway with its Kafka path on (micro-batching at its
# default, augur.kafka.max-batch-rows=64). Per repeat:
#   topic path: JOBS_BENCH_ROWS iris V2 requests (one row each) produced with kcat to the requests topic while the
#               gateway runs; rows/s = answers / (last answer's broker timestamp - first request's);
#   job API:    the same rows as one JSON-lines file; rows/s = rows / (time from the start of the upload until
#               progress says succeeded); the results download (JSON lines, input order) is timed apart.
# Needs kcat (apt-get install kcat) for the topic path.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${JOBS_BENCH_ROWS:-20000}
REPEATS=${BENCH_REPEATS:-3}
command -v kcat >/dev/null || { echo "jobs bench: kcat is needed (apt-get install kcat)" >&2; exit 1; }
WORK=$(mktemp -d)
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export KAFKA_PORT=$(free_port) KAFKA_CONTROLLER_PORT=$(free_port) KAFKA_DIR=$WORK/kafka
PRED_PORT=$(free_port)
GW_PORT=$(free_port)
BROKER=127.0.0.1:$KAFKA_PORT
GW=http://127.0.0.1:$GW_PORT
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    bin/kafka-broker stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
now_ms() { date +%s%3N; }

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
# The same N rows twice: key|value lines for kcat, and a JSON-lines file for the job API.
/usr/bin/python3 - "$N" "$WORK" <<'PY'
import json, sys
n, work = int(sys.argv[1]), sys.argv[2]
ref = json.load(open("models/iris-logreg/reference.json"))
with open(work + "/requests.txt", "w") as kv, open(work + "/rows.jsonl", "w") as jl:
    for i in range(n):
        body = json.dumps({"inputs": [{"name": "float_input", "shape": [1, 4], "datatype": "FP32",
                                       "data": ref["inputs"][i % 150]}]})
        kv.write("r-%d|%s\n" % (i, body))
        jl.write(body + "\n")
PY
QUARKUS_HTTP_PORT=$GW_PORT AUGUR_SERVICES_DIR="$WORK/services" AUGUR_LOCAL_RUN_DIR="$WORK/run" \
    AUGUR_KAFKA_ENABLED=true AUGUR_KAFKA_BOOTSTRAP_SERVERS=$BROKER AUGUR_GATEWAY_ACCESS_LOG=false \
    java -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
until curl -sf -o /dev/null "$GW/v2/health/ready"; do sleep 0.2; done
# Warm-up: one small job, so neither path pays for the first connections and JIT alone.
head -n 2000 "$WORK/rows.jsonl" | curl -sf -o /dev/null -X POST --data-binary @- "$GW/augur/jobs/iris-logreg"
sleep 3

topic_path() {   # -> rows/s
    local rep=$1 replies="bench-replies-$1"
    local start; start=$(now_ms)
    kcat -b "$BROKER" -t augur.inference.requests -P -K '|' -H augur-model=iris-logreg -H "augur-reply-to=$replies" \
        <"$WORK/requests.txt"
    local got=0 deadline=$((SECONDS + 600))
    while ((got < N)) && ((SECONDS < deadline)); do
        sleep 0.5
        got=$(kcat -b "$BROKER" -t "$replies" -C -o beginning -e -q -f '%k\n' 2>/dev/null | sort -u | wc -l)
    done
    ((got >= N)) || { echo "jobs bench: only $got of $N topic answers" >&2; exit 1; }
    kcat -b "$BROKER" -t "$replies" -C -o beginning -e -q -f '%T\n' | sort -n | tail -1 | \
        awk -v n="$N" -v s="$start" '{printf "%.0f\n", n / (($1 - s) / 1000.0)}'
}

job_api() {   # -> "rows/s results_seconds"
    local start location state
    start=$(now_ms)
    location=$(curl -sf -D - -o /dev/null -X POST --data-binary @"$WORK/rows.jsonl" \
        "$GW/augur/jobs/iris-logreg" | tr -d '\r' | awk -F': ' 'tolower($1)=="location" {print $2}')
    location=${location#http://*/}
    state=queued
    while [[ $state != succeeded ]]; do
        sleep 0.1
        state=$(curl -sf "$GW/$location" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
        [[ $state == failed || $state == cancelled ]] && { echo "jobs bench: job $state" >&2; exit 1; }
    done
    local end; end=$(now_ms)
    local r0; r0=$(now_ms)
    local lines; lines=$(curl -sf "$GW/$location/results" | wc -l)
    local r1; r1=$(now_ms)
    ((lines == N)) || { echo "jobs bench: $lines result lines for $N rows" >&2; exit 1; }
    awk -v n="$N" -v s="$start" -v e="$end" -v r0="$r0" -v r1="$r1" \
        'BEGIN {printf "%.0f %.2f\n", n / ((e - s) / 1000.0), (r1 - r0) / 1000.0}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
topic=()
jobs=()
downloads=()
for rep in $(seq 1 "$REPEATS"); do
    topic+=("$(topic_path "$rep")")
    read -r rate secs <<<"$(job_api)"
    jobs+=("$rate")
    downloads+=("$secs")
done
echo "| path | rows | rows/s (median of $REPEATS) | runs |"
echo "|---|---:|---:|---|"
echo "| Kafka topic (kcat in, answers on a reply topic) | $N | $(printf '%s\n' "${topic[@]}" | median) | ${topic[*]} |"
echo "| job API (upload, run, until \`succeeded\`) | $N | $(printf '%s\n' "${jobs[@]}" | median) | ${jobs[*]} |"
echo
echo "results download (GET .../results, $N JSON lines in input order): $(printf '%s\n' "${downloads[@]}" | median) s (median)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1)"
