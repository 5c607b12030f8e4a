#!/usr/bin/env bash
# Young collections per 1,000 requests (V2 infer, wrk 32 connections: 5 s warm-up, 10 s counted) of the predictor
# with JDK 25, @jvm.options, the AOT cache and EXTRA_OPTS after them. From the repo root:  bench/young_gc.sh "-Xms64m"
# Counts are steady on a shared machine; pause times and request rates are not. Results: BENCHMARKS.md "Cold start".
ROOT=$(cd "$(dirname "$0")/.." && pwd); P=$ROOT/predictor/target/quarkus-app; J=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
L=$(mktemp)
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT AUGUR_MODEL_REPOSITORY=$ROOT/models \
  $J @$P/jvm.options $1 -XX:AOTCache=$P/app.aot -Xlog:gc:file=$L -jar $P/quarkus-run.jar >/dev/null 2>&1 &
pid=$!
for i in $(seq 1 300); do curl -sf -o /dev/null http://127.0.0.1:$PORT/v2/health/ready && break; sleep 0.2; done
B=$ROOT/bench; body=$(mktemp); echo '{"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[6.8,2.8,4.8,1.4]}]}' > $body
wrk -t1 -c32 -d5s -s $B/wrk-report.lua http://127.0.0.1:$PORT/v2/models/iris-logreg/infer -- $body >/dev/null
before=$(grep -c "Pause Young" $L); bp=$(grep "Pause Young" $L | awk '{gsub("ms","",$NF); s+=$NF} END {print s+0}')
line=$(wrk -t1 -c32 -d10s -s $B/wrk-report.lua http://127.0.0.1:$PORT/v2/models/iris-logreg/infer -- $body | grep BENCH_RESULT)
after=$(grep -c "Pause Young" $L); ap=$(grep "Pause Young" $L | awk '{gsub("ms","",$NF); s+=$NF} END {print s+0}')
req=$(echo "$line" | tr ' ' '\n' | sed -n 's/^requests=//p')
heap=$(grep "Pause Young" $L | tail -1 | awk '{print $(NF-1)}')
rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status)
kill $pid; wait $pid 2>/dev/null
python3 -c "import sys; n=$after-$before; r=$req; p=$ap-$bp; print('[%s] requests %d young GCs %d (%.2f per 1k req) pause %.0f ms (%.2f ms per 1k req) last heap %s rss-after-load %s MB' % ('$1', r, n, n*1000/r, p, p*1000/r, '$heap', '$rss'))"
