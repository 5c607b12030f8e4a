#!/usr/bin/env bash
# JVM start-up of the predictor, to first ready answer, with the sample models: plain JVM against AppCDS (JDK 17)
# and the JDK 25 AOT cache. native-image cannot be installed on these machines, so these are the start-up levers
# measured here. One command, from the repo root, after `mvn package -DskipTests`:   bench/startup.sh
#
# Settings: AUGUR_PREDICTOR_JAR [predictor/target/quarkus-app/quarkus-run.jar], STARTUP_RUNS [5],
#           JAVA25 [/usr/lib/jvm/temurin-25-jdk-amd64/bin/java], STARTUP_PORT [18090]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${AUGUR_PREDICTOR_JAR:-predictor/target/quarkus-app/quarkus-run.jar}
RUNS=${STARTUP_RUNS:-5}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PORT=${STARTUP_PORT:-18090}
WORK=$(mktemp -d)
trap 'pkill -f "quarkus.http.port=$PORT" 2>/dev/null || true; rm -rf "$WORK"' EXIT
[ -f "$JAR" ] || { echo "startup: $JAR not found; run mvn package -DskipTests first" >&2; exit 1; }

# Time from process start to the first 200 from /v2/health/ready (all sample models loaded), in ms.
time_to_ready() {   # time_to_ready JAVA [JVM flags...]
    local java=$1; shift
    local t0 t1
    t0=$(date +%s%N)
    AUGUR_MODEL_REPOSITORY=models "$java" "$@" -Dquarkus.http.port=$PORT -jar "$JAR" >"$WORK/run.log" 2>&1 &
    local pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/v2/health/ready"; do
        kill -0 $pid 2>/dev/null || { echo "startup: server died:" >&2; tail -20 "$WORK/run.log" >&2; exit 1; }
        sleep 0.01
    done
    t1=$(date +%s%N)
    kill $pid; wait $pid 2>/dev/null || true
    echo $(( (t1 - t0) / 1000000 ))
}

# Training runs: write the archives once, with the models loaded and one request served.
train() {   # train JAVA FLAG
    local java=$1 flag=$2
    AUGUR_MODEL_REPOSITORY=models "$java" "$flag" -Dquarkus.http.port=$PORT -jar "$JAR" >"$WORK/train.log" 2>&1 &
    local pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/v2/health/ready"; do sleep 0.05; done
    curl -s -o /dev/null "http://127.0.0.1:$PORT/v1/models/iris-logreg:predict" -d '{"instances":[[6.8,2.8,4.8,1.4]]}'
    kill $pid; wait $pid 2>/dev/null || true
}
train "$JAVA17" "-XX:ArchiveClassesAtExit=$WORK/app.jsa"
HAVE25=0
if [ -x "$JAVA25" ]; then
    train "$JAVA25" "-XX:AOTCacheOutput=$WORK/app.aot" && HAVE25=1
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A results
variants=("jdk17" "jdk17-appcds")
[ $HAVE25 = 1 ] && variants+=("jdk25" "jdk25-aot")
for v in "${variants[@]}"; do : >"$WORK/$v"; done
# Interleaved so that machine noise hits every variant alike.
for _ in $(seq 1 "$RUNS"); do
    time_to_ready "$JAVA17" >>"$WORK/jdk17"
    time_to_ready "$JAVA17" "-XX:SharedArchiveFile=$WORK/app.jsa" >>"$WORK/jdk17-appcds"
    if [ $HAVE25 = 1 ]; then
        time_to_ready "$JAVA25" >>"$WORK/jdk25"
        time_to_ready "$JAVA25" "-XX:AOTCache=$WORK/app.aot" >>"$WORK/jdk25-aot"
    fi
done
base=$(median <"$WORK/jdk17")
echo "| variant | median ms to ready | runs (ms) | ratio to JDK 17 plain |"
echo "|---|---:|---|---:|"
for v in "${variants[@]}"; do
    m=$(median <"$WORK/$v")
    echo "| $v | $m | $(tr '\n' ' ' <"$WORK/$v") | $(awk -v a="$m" -v b="$base" 'BEGIN{printf "%.2f", a/b}') |"
done
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $($JAVA17 -version 2>&1 | head -1)"
