#!/usr/bin/env bash
# Custom (non-Augur) containers in local mode: one command, from the repo root, after
# `mvn -B package -DskipTests -pl gateway,predictor -am`:
#   bench/custom-containers.sh
# In one run, against a per-run podman store (nothing left in the machine's store), with the test's custom image
# (containers/src/test/resources/custom-image: Debian python3 + a small V2 REST server):
#   1. time from `podman run` to the first 200 of /v2/health/ready, median of BENCH_STARTS runs, on the network local
#      mode uses (slirp4netns, port published on loopback) and on podman's default bridge;
#   2. one-row V2 infer through the gateway, wrk at 1 connection (p50) and BENCH_CONNECTIONS (req/s): Augur's
#      predictor (iris-forest, V2 gRPC from the gateway), the custom predictor container (V2 REST), the custom
#      transformer container in front of Augur's predictor (REST to it, back through the gateway, gRPC on), and the
#      custom predictor container called directly on its published port (no gateway).
# Prints Markdown, saved to bench/results/custom-containers-<date>.md. About 3 minutes.
# Settings: BENCH_STARTS [5], BENCH_DURATION [10s], BENCH_WARMUP [5s], BENCH_CONNECTIONS [4].
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STARTS=${BENCH_STARTS:-5}; DURATION=${BENCH_DURATION:-10s}; WARMUP=${BENCH_WARMUP:-5s}; CONNS=${BENCH_CONNECTIONS:-4}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$ROOT/src/main/containers/containers.conf}
WORK=$(mktemp -d /tmp/augur-bench-custom.XXXXXX)
export PODMAN_OPTS="--root $WORK/store --runroot $WORK/run"
# shellcheck disable=SC2206
PODMAN=(podman $PODMAN_OPTS)
IMAGE=localhost/augur-bench/v2-python:1
STAMP=$(date +%Y-%m-%d-%H%M%S); mkdir -p bench/results; REPORT=bench/results/custom-containers-$STAMP.md
GW=
cleanup() { [[ -n $GW ]] && kill "$GW" 2>/dev/null && { wait "$GW" 2>/dev/null || true; }; "${PODMAN[@]}" rm -af -t 0 >/dev/null 2>&1 || true
  "${PODMAN[@]}" system reset --force >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
say() { echo "bench: $*" >&2; }
for c in podman mmdebstrap wrk curl; do command -v $c >/dev/null || { say "'$c' not found"; exit 1; }; done
for m in gateway predictor; do
  [[ -f $m/target/quarkus-app/quarkus-run.jar ]] || { say "build first: mvn -B package -DskipTests -pl gateway,predictor -am"; exit 1; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ok() { curl -sf -o /dev/null "http://127.0.0.1:$1$2"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

bin/base-images python >&2
"${PODMAN[@]}" build -q -t "$IMAGE" containers/src/test/resources/custom-image >/dev/null

# $1 network: milliseconds from `podman run` to the first 200 of /v2/health/ready.
start_ms() {
  local port; port=$(free_port)
  local t0; t0=$(date +%s%N)
  "${PODMAN[@]}" run -d --name bench-start --network "$1" -p "127.0.0.1:$port:8080" "$IMAGE" --role predictor >/dev/null
  until ok "$port" /v2/health/ready; do sleep 0.01; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  "${PODMAN[@]}" rm -f -t 0 bench-start >/dev/null
}
declare -A START
for net in slirp4netns:allow_host_loopback=true bridge; do
  start_ms "$net" >/dev/null
  START[$net]=$(for _ in $(seq "$STARTS"); do start_ms "$net"; done | median)
  say "$net: ${START[$net]} ms to ready (median of $STARTS)"
done

SERVICES=$WORK/services; mkdir -p "$SERVICES"
cat > "$SERVICES/iris.yaml" <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: iris}
spec:
  predictor:
    model: {modelFormat: {name: onnx}, storageUri: $ROOT/models/iris-forest}
YAML
cat > "$SERVICES/iris-mm.yaml" <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: iris-mm}
spec:
  predictor:
    model: {modelFormat: {name: onnx}, storageUri: $ROOT/models/iris-forest}
  transformer:
    containers:
      - {name: kserve-container, image: $IMAGE, env: [{name: PROTOCOL, value: v2}]}
YAML
cat > "$SERVICES/sums.yaml" <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: sums}
spec:
  predictor:
    containers:
      - {name: kserve-container, image: $IMAGE, args: [--role, predictor, --model_name, sums],
         env: [{name: PROTOCOL, value: v2}]}
YAML
PORT=$(free_port)
env QUARKUS_HTTP_PORT="$PORT" AUGUR_KAFKA_ENABLED=false AUGUR_SERVICES_DIR="$SERVICES" AUGUR_LOCAL_RUN_DIR="$WORK/augur-run" \
  AUGUR_LOCAL_PREDICTOR_JAR="$ROOT/predictor/target/quarkus-app/quarkus-run.jar" AUGUR_LOCAL_GATEWAY_ADDRESS="127.0.0.1:$PORT" \
  AUGUR_LOCAL_CONTAINERS_PODMAN_OPTIONS="$PODMAN_OPTS" AUGUR_LOCAL_CONTAINERS_CONF="$CONTAINERS_CONF" \
  java -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway.log" 2>&1 & GW=$!
until ok "$PORT" /q/health/ready; do sleep 0.1; done

IRIS=$WORK/iris.json; MM=$WORK/mm.json; SUMS=$WORK/sums.json
echo '{"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[6.8,2.8,4.8,1.4]}]}' > "$IRIS"
echo '{"inputs":[{"name":"features_mm","shape":[1,4],"datatype":"FP32","data":[68,28,48,14]}]}' > "$MM"
echo '{"inputs":[{"name":"x","shape":[1,4],"datatype":"FP32","data":[6.8,2.8,4.8,1.4]}]}' > "$SUMS"
declare -A BODY=([iris]=$IRIS [iris-mm]=$MM [sums]=$SUMS)
for p in iris iris-mm sums; do
  for _ in $(seq 600); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
      --data-binary @"${BODY[$p]}" "http://127.0.0.1:$PORT/v2/models/$p/infer")
    [[ $code == 200 ]] && break; sleep 0.1
  done
  [[ $code == 200 ]] || { say "$p answers $code; gateway log: $WORK/gateway.log"; tail -20 "$WORK/gateway.log" >&2; exit 1; }
done
# $1 URL, $2 body, $3 connections: "req/s p50_us"
wrk_run() {
  wrk -t1 -c"$3" -d"$WARMUP" -s bench/wrk-report.lua "$1" -- "$2" >/dev/null
  local line; line=$(wrk -t1 -c"$3" -d"$DURATION" -s bench/wrk-report.lua "$1" -- "$2" | grep BENCH_RESULT)
  [[ $line == *"status_errors=0"* ]] || { say "errors: $line"; exit 1; }
  awk -v l="$line" 'BEGIN { split(l, f, /[ =]/); for (i in f) v[f[i]]=f[i+1]; printf "%.0f %d\n", v["requests"]/(v["duration_us"]/1e6), v["p50_us"] }'
}
SUMS_PORT=$("${PODMAN[@]}" ps --format '{{.Ports}}' --filter label=dev.augur.revision=sums-predictor-00001 \
  | grep -oE '127\.0\.0\.1:[0-9]+' | head -1 | cut -d: -f2)
declare -A P50 RPS
run_case() { # $1 label, $2 url, $3 body
  local rps p50
  read -r _ p50 < <(wrk_run "$2" "$3" 1)
  read -r rps _ < <(wrk_run "$2" "$3" "$CONNS")
  P50[$1]=$p50; RPS[$1]=$rps; say "$1: p50 $p50 us, $rps req/s"
}
run_case "gateway -> Augur predictor (gRPC)" "http://127.0.0.1:$PORT/v2/models/iris/infer" "$IRIS"
run_case "gateway -> custom predictor container (V2 REST)" "http://127.0.0.1:$PORT/v2/models/sums/infer" "$SUMS"
run_case "gateway -> custom transformer container -> gateway -> Augur predictor" "http://127.0.0.1:$PORT/v2/models/iris-mm/infer" "$MM"
run_case "custom predictor container directly (published port)" "http://127.0.0.1:$SUMS_PORT/v2/models/sums/infer" "$SUMS"

{
  echo "## Custom containers in local mode ($(date -u +%Y-%m-%d), $(nproc) cores, command: bench/custom-containers.sh)"
  echo
  echo "| custom python V2 image, podman run to /v2/health/ready | median of $STARTS (ms) |"; echo "|---|---:|"
  echo "| slirp4netns (local mode's network), port on loopback | ${START[slirp4netns:allow_host_loopback=true]} |"
  echo "| default bridge, port on loopback | ${START[bridge]} |"
  echo
  echo "| one-row V2 infer | p50 at 1 connection (µs) | req/s at $CONNS connections |"; echo "|---|---:|---:|"
  for k in "gateway -> Augur predictor (gRPC)" "gateway -> custom predictor container (V2 REST)" \
           "gateway -> custom transformer container -> gateway -> Augur predictor" \
           "custom predictor container directly (published port)"; do
    echo "| $k | ${P50[$k]} | ${RPS[$k]} |"
  done
} | tee "$REPORT"
