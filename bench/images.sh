#!/usr/bin/env bash
# Container images benchmark: one command, from the repo root, after `mvn package -DskipTests` (JDK 25 AOT caches):
#   bench/images.sh
# In one run, against a per-run podman store (nothing left in the machine's store):
#   1. image sizes (bases and the five services);
#   2. time from `podman run` to the first 200 of /v2/health/ready, predictor with models/iris-forest, median of
#      BENCH_STARTS runs: JDK 25 image with the AOT cache vs the same app on the Debian JDK 17 image;
#   3. throughput (wrk, one-row iris V2 infer) of the predictor in a container (--network host, so no port-mapping
#      cost is counted) vs the same quarkus-app folder run by run.sh as a process with the same Temurin 25 and cache,
#      and the server's CPU time per request (load-independent). wrk runs on the same 2 cores: a container is one
#      cpu cgroup competing with wrk as a group, while a bare process's threads compete one by one, so (cgroup v1,
#      when writable) the process is moved into a cgroup of its own with the container's cpu.shares for a fair race.
# Prints Markdown, saved to bench/results/images-<date>.md. About 5 minutes (the first run also makes the Debian
# root file systems, ~3 min, cached in ~/.cache/augur/images).
# Settings: BENCH_STARTS [5], BENCH_DURATION [15s], BENCH_WARMUP [5s], BENCH_CONNECTIONS [8], JAVA25_HOME.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STARTS=${BENCH_STARTS:-5}; DURATION=${BENCH_DURATION:-15s}; WARMUP=${BENCH_WARMUP:-5s}; CONNS=${BENCH_CONNECTIONS:-8}
JAVA25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$ROOT/src/main/containers/containers.conf}
WORK=$(mktemp -d /tmp/augur-bench-images.XXXXXX)
export PODMAN_OPTS="--root $WORK/store --runroot $WORK/run"
# shellcheck disable=SC2206
PODMAN=(podman $PODMAN_OPTS)
STAMP=$(date +%Y-%m-%d-%H%M%S); mkdir -p bench/results; REPORT=bench/results/images-$STAMP.md
PID=
cleanup() { [[ -n $PID ]] && kill "$PID" 2>/dev/null; rmdir "/sys/fs/cgroup/cpu/augur-bench-$$" 2>/dev/null || true; "${PODMAN[@]}" rm -af -t 0 >/dev/null 2>&1 || true
  "${PODMAN[@]}" system reset --force >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
say() { echo "bench: $*" >&2; }
for c in podman mmdebstrap wrk curl; do command -v $c >/dev/null || { say "'$c' not found"; exit 1; }; done
for m in gateway predictor transformer explainer operator; do
  [[ -f $m/target/quarkus-app/quarkus-run.jar ]] || { say "build first: mvn -B package -DskipTests"; exit 1; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ready() { curl -sf -o /dev/null "http://127.0.0.1:$1/v2/health/ready"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

say "base images and service images"
bin/base-images >&2
for m in gateway predictor transformer explainer operator; do bin/image-build "$m" bench >&2; done
AUGUR_IMAGE_BASE=localhost/augur/base-jre:17 bin/image-build predictor bench >&2
"${PODMAN[@]}" tag augur/predictor-jvm:bench augur/predictor-jvm:jre17
bin/image-build predictor bench >&2   # :latest and :bench back on the JDK 25 base

# $1 image: milliseconds from `podman run` to the first 200 of /v2/health/ready.
start_ms() {
  local port; port=$(free_port)
  local t0; t0=$(date +%s%N)
  "${PODMAN[@]}" run -d --name bench-start --read-only -p "127.0.0.1:$port:8080" \
    -v "$ROOT/models/iris-forest:/mnt/models/iris:ro" "$1" >/dev/null
  until ready "$port"; do sleep 0.02; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  "${PODMAN[@]}" rm -f -t 0 bench-start >/dev/null
}
declare -A START
for image in augur/predictor-jvm:latest augur/predictor-jvm:jre17; do
  start_ms "$image" >/dev/null   # first run: page cache, overlay mount
  START[$image]=$(for _ in $(seq "$STARTS"); do start_ms "$image"; done | median)
  say "$image: ${START[$image]} ms to ready (median of $STARTS)"
done

BODY=$WORK/iris.json
echo '{"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[6.8,2.8,4.8,1.4]}]}' > "$BODY"
# $1 pid: CPU time (µs) the process has used, user + system.
cpu_us() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f\n", ($14 + $15) * 1000000 / hz }' "/proc/$1/stat"; }
# $1 port, $2 server pid: "requests/s p50_us cpu_us_per_request" (wrk after a warm-up), or fails on any error status.
throughput() {
  wrk -t1 -c"$CONNS" -d"$WARMUP" -s bench/wrk-report.lua "http://127.0.0.1:$1/v2/models/iris/infer" -- "$BODY" >/dev/null
  local c0; c0=$(cpu_us "$2")
  local line; line=$(wrk -t2 -c"$CONNS" -d"$DURATION" -s bench/wrk-report.lua "http://127.0.0.1:$1/v2/models/iris/infer" -- "$BODY" | grep BENCH_RESULT)
  local c1; c1=$(cpu_us "$2")
  [[ $line == *"status_errors=0"* ]] || { say "errors: $line"; exit 1; }
  awk -v l="$line" -v cpu=$((c1 - c0)) 'BEGIN { split(l, f, /[ =]/); for (i in f) v[f[i]]=f[i+1];
    printf "%.0f %d %.0f\n", v["requests"]/(v["duration_us"]/1e6), v["p50_us"], cpu/v["requests"] }'
}
CGROUP=/sys/fs/cgroup/cpu/augur-bench-$$
FAIR=no
# $1 pid: into a cpu cgroup of its own (the shares podman gives a container), if cgroup v1's cpu controller allows.
own_cgroup() {
  if mkdir "$CGROUP" 2>/dev/null && cat /sys/fs/cgroup/cpu/libpod_parent/cpu.shares >"$CGROUP/cpu.shares" 2>/dev/null \
      && echo "$1" >"$CGROUP/cgroup.procs" 2>/dev/null; then FAIR=yes; else rmdir "$CGROUP" 2>/dev/null || true; fi
}
PORT=$(free_port)
mkdir -p "$WORK/repo"; cp -r models/iris-forest "$WORK/repo/iris"
QUARKUS_HTTP_PORT=$PORT AUGUR_MODEL_REPOSITORY=$WORK/repo JAVA=$JAVA25/bin/java \
  predictor/target/quarkus-app/run.sh >"$WORK/process.log" 2>&1 & PID=$!
until ready "$PORT"; do sleep 0.05; done
own_cgroup "$PID"
read -r PROC_RPS PROC_P50 PROC_CPU < <(throughput "$PORT" "$PID")
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
rmdir "$CGROUP" 2>/dev/null || true
say "process: $PROC_RPS req/s"
PORT=$(free_port)
"${PODMAN[@]}" run -d --name bench-tp --read-only --network host -e QUARKUS_HTTP_PORT="$PORT" \
  -v "$ROOT/models/iris-forest:/mnt/models/iris:ro" augur/predictor-jvm:latest >/dev/null
until ready "$PORT"; do sleep 0.05; done
read -r CONT_RPS CONT_P50 CONT_CPU < <(throughput "$PORT" "$("${PODMAN[@]}" inspect --format '{{.State.Pid}}' bench-tp)")
"${PODMAN[@]}" rm -f -t 0 bench-tp >/dev/null
say "container: $CONT_RPS req/s"

{
  echo "## Container images ($(date -u +%Y-%m-%d), $(nproc) cores, command: bench/images.sh)"
  echo
  echo "| image | size (MB) |"; echo "|---|---:|"
  for i in augur/base-jre:17 augur/base-jdk:25 augur/gateway-jvm:bench augur/predictor-jvm:bench \
           augur/predictor-jvm:jre17 augur/transformer-jvm:bench augur/explainer-jvm:bench augur/operator-jvm:bench; do
    echo "| $i | $(( $("${PODMAN[@]}" image inspect --format '{{.Size}}' "$i") / 1000000 )) |"
  done
  echo
  echo "| predictor (iris-forest), podman run to /v2/health/ready | median of $STARTS (ms) |"; echo "|---|---:|"
  echo "| JDK 25 image with the AOT cache | ${START[augur/predictor-jvm:latest]} |"
  echo "| JDK 17 image (Debian OpenJDK, no AOT cache) | ${START[augur/predictor-jvm:jre17]} |"
  awk -v a="${START[augur/predictor-jvm:latest]}" -v b="${START[augur/predictor-jvm:jre17]}" 'BEGIN { printf "| ratio JDK 25+AOT / JDK 17 | %.2f |\n", a/b }'
  echo
  echo "| predictor, one-row iris V2 infer, wrk $CONNS connections, $DURATION | req/s | p50 (µs) | server CPU µs/request |"
  echo "|---|---:|---:|---:|"
  echo "| same jar as a process (run.sh, Temurin 25, AOT cache; own cpu cgroup: $FAIR) | $PROC_RPS | $PROC_P50 | $PROC_CPU |"
  echo "| in a container (--network host, read-only root) | $CONT_RPS | $CONT_P50 | $CONT_CPU |"
  awk -v a="$CONT_RPS" -v b="$PROC_RPS" -v c="$CONT_CPU" -v d="$PROC_CPU" \
    'BEGIN { printf "| ratio container / process | %.2f | | %.2f |\n", a/b, c/d }'
} | tee "$REPORT"
