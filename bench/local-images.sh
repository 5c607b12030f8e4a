#!/usr/bin/env bash
# Local mode's two runtimes for Augur's own components, in one run: scale from zero of a predictor as a JVM process
# (augur.local.runtime=process) against the same predictor as its image with podman (augur.local.runtime=containers).
# One command, from the repo root, after `mvn -B package -DskipTests -pl gateway,predictor -am` (with a JDK 25 beside
# it the build trains the AOT cache, which both runtimes then use):
#   bench/local-images.sh
# Builds the JDK 25 base and augur/predictor-jvm into a per-run podman store (nothing left in the machine's store),
# starts two gateways side by side, one per runtime, each with one InferenceService (iris, ONNX, minReplicas 0,
# scaled to zero after BENCH_IDLE), then BENCH_RUNS times, alternating the runtimes: wait until the predictor is
# scaled to zero (and its container removed), then time one V1 predict from the request to the answer (curl's total
# time: the activator's wait for the start, the model load and the call). No warm standby (process runtime only).
# Prints Markdown with the medians and the load average, saved to bench/results/local-images-<date>.md.
# Settings: BENCH_RUNS [7], BENCH_IDLE [2s], JAVA (default: the Temurin 25 the build trains with, else java).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${BENCH_RUNS:-7}; IDLE=${BENCH_IDLE:-2s}
JAVA=${JAVA:-$( [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo java)}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$ROOT/src/main/containers/containers.conf}
WORK=$(mktemp -d /tmp/augur-bench-images.XXXXXX)
export PODMAN_OPTS="--root $WORK/store --runroot $WORK/runroot"
# shellcheck disable=SC2206
PODMAN=(podman $PODMAN_OPTS)
STAMP=$(date +%Y-%m-%d-%H%M%S); mkdir -p bench/results; REPORT=bench/results/local-images-$STAMP.md
GWS=()
cleanup() {
  for p in "${GWS[@]}"; do kill "$p" 2>/dev/null && { wait "$p" 2>/dev/null || true; }; done
  "${PODMAN[@]}" rm -af -t 0 >/dev/null 2>&1 || true
  "${PODMAN[@]}" system reset --force >/dev/null 2>&1 || true; rm -rf "$WORK"
}
trap cleanup EXIT
say() { echo "bench: $*" >&2; }
for c in podman mmdebstrap curl python3; do command -v $c >/dev/null || { say "'$c' not found"; exit 1; }; done
for m in gateway predictor; do
  [[ -f $m/target/quarkus-app/quarkus-run.jar ]] || { say "build first: mvn -B package -DskipTests -pl gateway,predictor -am"; exit 1; }
done
[[ -f predictor/target/quarkus-app/app.aot ]] || say "predictor/target/quarkus-app/app.aot is missing: both runtimes start without the AOT cache"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ok() { curl -sf -o /dev/null "http://127.0.0.1:$1$2"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

bin/base-images 25 >&2
bin/image-build predictor bench >&2

SERVICES=$WORK/services; mkdir -p "$SERVICES"
cat > "$SERVICES/iris.yaml" <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: iris}
spec:
  predictor:
    minReplicas: 0
    model: {modelFormat: {name: onnx}, storageUri: $ROOT/models/iris-logreg}
YAML
declare -A PORT
for rt in process containers; do
  PORT[$rt]=$(free_port)
  env QUARKUS_HTTP_PORT="${PORT[$rt]}" AUGUR_KAFKA_ENABLED=false AUGUR_SERVICES_DIR="$SERVICES" \
    AUGUR_LOCAL_RUN_DIR="$WORK/run-$rt" AUGUR_LOCAL_RUNTIME="$rt" AUGUR_LOCAL_STANDBY=0 AUGUR_SCALE_TO_ZERO_IDLE="$IDLE" \
    AUGUR_LOCAL_PREDICTOR_JAR="$ROOT/predictor/target/quarkus-app/quarkus-run.jar" \
    AUGUR_LOCAL_GATEWAY_ADDRESS="127.0.0.1:${PORT[$rt]}" \
    AUGUR_LOCAL_CONTAINERS_PODMAN_OPTIONS="$PODMAN_OPTS" AUGUR_LOCAL_CONTAINERS_CONF="$CONTAINERS_CONF" \
    "$JAVA" -jar gateway/target/quarkus-app/quarkus-run.jar >"$WORK/gateway-$rt.log" 2>&1 & GWS+=($!)
done
for rt in process containers; do
  for _ in $(seq 600); do ok "${PORT[$rt]}" /q/health/ready && break; sleep 0.1; done
done
BODY='{"instances": [[6.8, 2.8, 4.8, 1.4]]}'
state() { curl -s "http://127.0.0.1:$1/augur/services" | python3 -c \
  'import json,sys; r=json.load(sys.stdin)["services"][0]["revisions"]; print(r[-1]["state"] if r else "none")'; }
# $1 runtime: waits for scale to zero, then prints the milliseconds of one predict (fails unless {"predictions":[1]}).
from_zero() {
  local port=${PORT[$1]} i
  for i in $(seq 600); do [[ $(state "$port") == STOPPED ]] && break; sleep 0.1; done
  [[ $(state "$port") == STOPPED ]] || { say "$1: not scaled to zero; log $WORK/gateway-$1.log"; exit 1; }
  if [[ $1 == containers ]]; then
    for i in $(seq 300); do [[ -z $("${PODMAN[@]}" ps -q) ]] && break; sleep 0.1; done
  fi
  sleep 1
  local out; out=$(curl -s -m 120 -w ' %{time_total}' -H 'Content-Type: application/json' -d "$BODY" \
    "http://127.0.0.1:$port/v1/models/iris:predict")
  [[ $out == '{"predictions":[1]} '* ]] || { say "$1: unexpected answer $out"; tail -20 "$WORK/gateway-$1.log" >&2; exit 1; }
  awk -v t="${out##* }" 'BEGIN {printf "%d\n", t * 1000}'
}
declare -A ALL
for i in $(seq "$RUNS"); do
  # Alternating which runtime goes first, so a drift of the machine's load hits both alike.
  if (( i % 2 )); then order="process containers"; else order="containers process"; fi
  for rt in $order; do
    ms=$(from_zero "$rt"); ALL[$rt]="${ALL[$rt]:-} $ms"; say "run $i $rt: $ms ms"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
med() { tr ' ' '\n' <<<"${ALL[$1]}" | grep . | median; }
P=$(med process); C=$(med containers)
{
  echo "## Local mode: scale from zero, process vs container runtime ($(date -u +%Y-%m-%d), $(nproc) cores, command: bench/local-images.sh)"
  echo
  echo "Load average before/after: $LOAD_BEFORE / $LOAD_AFTER. Java: $JAVA. $RUNS runs each, alternating."
  echo
  echo "| iris (ONNX) scaled to zero, V1 predict through the gateway | median (ms) | runs (ms) |"; echo "|---|---:|---|"
  echo "| process (java -jar, AOT cache) | $P |${ALL[process]} |"
  echo "| container (augur/predictor-jvm, podman, slirp4netns) | $C |${ALL[containers]} |"
  echo
  awk -v p="$P" -v c="$C" 'BEGIN {printf "Container / process: %.2f (+%d ms)\n", c / p, c - p}'
} | tee "$REPORT"
