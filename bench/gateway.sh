#!/usr/bin/env bash
# Gateway overhead benchmark: one command, from the repo root:   bench/gateway.sh
#
# Starts one predictor and the gateway routing to that same predictor (an
# InferenceService with local.augur.dev/predictor-address), checks that the
# answers are the same directly and through the gateway (V2 REST, V1 REST,
# gRPC), warms up, then measures, interleaved, the same requests against the
# predictor directly and through the gateway:
#   REST (wrk, HTTP/1.1):  V2 infer, V1 predict       at BENCH_CONNECTIONS
#   gRPC (h2load, h2c):    ModelInfer                 at BENCH_GRPC_LOADS
# With BENCH_ACCESS_LOG_OFF=1 a second gateway, with the access log off, is
# measured in the same passes. Prints a Markdown table (direct vs gateway,
# ratio, added p50), also saved to bench/results/gateway-<date>.md.
# See bench/README.md ("Gateway overhead") for what the numbers mean.
#
# Settings (environment):
#   AUGUR_PREDICTOR_JAR   predictor jar   [predictor/target/quarkus-app/quarkus-run.jar]
#   AUGUR_GATEWAY_JAR     gateway jar     [gateway/target/quarkus-app/quarkus-run.jar]
#   AUGUR_MODEL_REPOSITORY models dir     [models]
#   BENCH_DURATION        per measured run, wrk/h2load syntax        [8s]
#   BENCH_REPEATS         full passes; the table shows medians        [1]
#   BENCH_WARMUP          least load before measuring                 [20s]
#   BENCH_WARMUP_MAX      most load before measuring: the warm-up goes on in 10 s
#                         rounds until the JIT compiler threads of every JVM used
#                         under BENCH_JIT_QUIET % of a core in the last round  [180s]
#   BENCH_JIT_QUIET       see BENCH_WARMUP_MAX                        [5]
#   BENCH_CONNECTIONS     REST connection counts                      ["1 8 32"]
#   BENCH_GRPC_LOADS      gRPC CONNECTIONSxSTREAMS_PER_CONNECTION     ["1x1 8x1 8x4 1x32"]
#   BENCH_ACCESS_LOG_OFF  1: also measure a gateway with augur.gateway.access-log=false [0]
#   BENCH_PREDICTOR_PORT / BENCH_GATEWAY_PORT / BENCH_GATEWAY_NOLOG_PORT  [18091 / 18092 / 18093]
#   BENCH_JAVA / BENCH_JAVA_OPTS  java binary and extra JVM flags (all JVMs) [java / none]
#   BENCH_PYTHON          python with grpcio, for the gRPC check      [/usr/bin/python3]
#   BENCH_PIN             1: the gateway(s) on the last CPU, the predictor and wrk/h2load on the others (taskset):
#                         the gateway rows then measure the gateway on one core of its own, with far less run-to-run
#                         spread on a 2-core machine (the direct rows share a core with the load generator: compare
#                         gateway rows between builds, not with direct rows). [0]
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
START_DIR=$PWD
cd "$ROOT"

DURATION=${BENCH_DURATION:-8s}
REPEATS=${BENCH_REPEATS:-1}
WARMUP=${BENCH_WARMUP:-20s}
WARMUP_MAX=${BENCH_WARMUP_MAX:-180s}
JIT_QUIET=${BENCH_JIT_QUIET:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-1 8 32}
GRPC_LOADS=${BENCH_GRPC_LOADS:-1x1 8x1 8x4 1x32}
NOLOG=${BENCH_ACCESS_LOG_OFF:-0}
P_PORT=${BENCH_PREDICTOR_PORT:-18091}
G_PORT=${BENCH_GATEWAY_PORT:-18092}
N_PORT=${BENCH_GATEWAY_NOLOG_PORT:-18093}
JAVA=${BENCH_JAVA:-java}
PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
GATEWAY_PIN=()
LOAD_PIN=()
if [ "${BENCH_PIN:-0}" = 1 ]; then
    last=$(($(nproc) - 1))
    [ "$last" -ge 1 ] || { echo "bench: BENCH_PIN=1 needs 2 CPUs or more" >&2; exit 1; }
    GATEWAY_PIN=(taskset -c "$last")
    LOAD_PIN=(taskset -c "0-$((last - 1))")
fi
PRED_JAR=${AUGUR_PREDICTOR_JAR:-predictor/target/quarkus-app/quarkus-run.jar}
GW_JAR=${AUGUR_GATEWAY_JAR:-gateway/target/quarkus-app/quarkus-run.jar}
MODELS=${AUGUR_MODEL_REPOSITORY:-models}
# The service is named after the model, so direct and gateway requests use the
# very same path and body (grpc_frames.py sends this model name too).
MODEL=iris-logreg
# Relative paths given by the caller mean relative to where they ran us.
case $PRED_JAR in /*) ;; *) [ -e "$PRED_JAR" ] || PRED_JAR=$START_DIR/$PRED_JAR ;; esac
case $GW_JAR in /*) ;; *) [ -e "$GW_JAR" ] || GW_JAR=$START_DIR/$GW_JAR ;; esac
case $MODELS in /*) ;; *) [ -e "$MODELS" ] || MODELS=$START_DIR/$MODELS ;; esac

# Targets: what a run is sent to. direct = the predictor itself.
TARGETS="direct gateway"
[ "$NOLOG" = 1 ] && TARGETS="direct gateway gateway-nolog"
declare -A BASE=([direct]=http://127.0.0.1:$P_PORT [gateway]=http://127.0.0.1:$G_PORT
                 [gateway-nolog]=http://127.0.0.1:$N_PORT)
declare -A ADDR=([direct]=127.0.0.1:$P_PORT [gateway]=127.0.0.1:$G_PORT [gateway-nolog]=127.0.0.1:$N_PORT)

STAMP=$(date +%Y-%m-%d-%H%M%S)
RESULTS_DIR=$BENCH_DIR/results
REPORT=$RESULTS_DIR/gateway-$STAMP.md
RAW=$RESULTS_DIR/gateway-$STAMP.tsv
LOG_PREFIX=$RESULTS_DIR/gateway-$STAMP

die() { echo "bench: ERROR: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- tools ---
need() {   # need COMMAND INSTALL_HINT
    command -v "$1" >/dev/null 2>&1 || die "'$1' not found; install it with: $2"
}
need wrk    "apt-get install wrk"
need h2load "apt-get install nghttp2-client"
need curl   "apt-get install curl"
need "$JAVA" "apt-get install openjdk-21-jre-headless (or set BENCH_JAVA)"
[ -x "$PYTHON" ] || die "$PYTHON not found; install it with: apt-get install python3"
"$PYTHON" -c 'import grpc' 2>/dev/null \
    || die "$PYTHON cannot 'import grpc'; install it with: apt-get install python3-grpcio"
[ -f "$PRED_JAR" ] || die "predictor jar not found: $PRED_JAR (build it, or set AUGUR_PREDICTOR_JAR)"
[ -f "$GW_JAR" ] || die "gateway jar not found: $GW_JAR (build it, or set AUGUR_GATEWAY_JAR)"
[ -d "$MODELS/$MODEL" ] || die "model $MODEL not found in $MODELS (set AUGUR_MODEL_REPOSITORY)"
# Absolute paths, so the report says exactly what ran.
PRED_JAR=$(cd "$(dirname "$PRED_JAR")" && pwd)/$(basename "$PRED_JAR")
GW_JAR=$(cd "$(dirname "$GW_JAR")" && pwd)/$(basename "$GW_JAR")
MODELS=$(cd "$MODELS" && pwd)

# Anything already listening would be benchmarked instead of our servers.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for t in $TARGETS; do
    port=${ADDR[$t]#*:}
    if port_taken "$port"; then
        die "port $port (for $t) is already in use; stop that process or set BENCH_*_PORT"
    fi
done

mkdir -p "$RESULTS_DIR"
WORK=$(mktemp -d)
# shellcheck source=bench/jit.sh
. "$BENCH_DIR/jit.sh"

# ------------------------------------------------------ server lifecycle ---
declare -A PID=()     # target -> pid of the JVM serving it
declare -A LOG=()     # target -> its log file
STARTED=()            # targets in start order
WARM_PIDS=()
stop_pid() {   # stop_pid NAME PID: SIGTERM, wait for the graceful shutdown, then SIGKILL
    local name=$1 pid=$2
    kill -0 "$pid" 2>/dev/null || return 0
    say "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
    local rc=$? pid i t
    for pid in "${WARM_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    # Gateways first, then the predictor they call.
    for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do
        t=${STARTED[$i]}
        stop_pid "$(server_name "$t")" "${PID[$t]}"
    done
    # The logs are evidence; the access lines are only counted (they would be
    # one line per measured request).
    for t in "${STARTED[@]}"; do
        [ -f "${LOG[$t]}" ] && grep -v '^{"time"' "${LOG[$t]}" >"$LOG_PREFIX.$t.log" || true
    done
    rm -rf "$WORK"
    if [ "$rc" -ne 0 ]; then
        say "failed (exit $rc); server logs: $LOG_PREFIX.*.log"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM   # run the EXIT trap on Ctrl-C / kill as well

server_name() {   # the JVM behind a target
    case $1 in direct) echo predictor ;; gateway) echo gateway ;; *) echo "gateway (access log off)" ;; esac
}

wait_ready() {   # wait_ready TARGET URL_PATH EXPECTED_HTTP_CODE [POST_BODY]
    local t=$1 path=$2 want=$3 body=${4:-} i code
    for i in $(seq 1 120); do
        kill -0 "${PID[$t]}" 2>/dev/null || { tail -n 30 "${LOG[$t]}" >&2; die "$(server_name "$t") exited during startup"; }
        if [ -n "$body" ]; then
            code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
                --data-binary "$body" "${BASE[$t]}$path" || true)
        else
            code=$(curl -s -o /dev/null -w '%{http_code}' "${BASE[$t]}$path" || true)
        fi
        [ "$code" = "$want" ] && return 0
        sleep 0.5
    done
    tail -n 30 "${LOG[$t]}" >&2
    die "$(server_name "$t") not ready after 60 s (GET/POST $path: HTTP $code)"
}

# Loopback only: the load generators run on this machine, nothing else should reach it.
# shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of flags
start_predictor() {
    LOG[direct]=$WORK/predictor.log
    say "starting predictor: $PRED_JAR (models: $MODELS, port $P_PORT)"
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$P_PORT AUGUR_MODEL_REPOSITORY=$MODELS \
        "${LOAD_PIN[@]}" "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$PRED_JAR" >"${LOG[direct]}" 2>&1 &
    PID[direct]=$!
    STARTED+=(direct)
    # Ready means every model is loaded, not just that the port is open.
    wait_ready direct /v2/health/ready 200
    say "predictor ready (pid ${PID[direct]})"
}

# The gateway routes the service to the predictor above and supervises nothing;
# its run dir (links, pids, logs of supervised components) stays in the temp dir.
# shellcheck disable=SC2086
start_gateway() {   # start_gateway TARGET PORT ACCESS_LOG(true|false)
    local t=$1 port=$2 access=$3
    LOG[$t]=$WORK/$t.log
    say "starting $(server_name "$t"): $GW_JAR (services: $SERVICES, port $port)"
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port AUGUR_SERVICES_DIR=$SERVICES \
        AUGUR_LOCAL_RUN_DIR=$WORK/run-$t AUGUR_GATEWAY_ACCESS_LOG=$access \
        "${GATEWAY_PIN[@]}" "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$GW_JAR" >"${LOG[$t]}" 2>&1 &
    PID[$t]=$!
    STARTED+=("$t")
    # The gateway is ready once the folder is read; the service is routable once
    # a model call through it succeeds (the revision of an external address is
    # ready at once, so this is quick).
    wait_ready "$t" /v2/health/ready 200
    wait_ready "$t" "/v2/models/$MODEL/ready" 200
    say "$(server_name "$t") ready (pid ${PID[$t]})"
}

# One InferenceService, named like the model, at the predictor started here.
SERVICES=$WORK/services
mkdir -p "$SERVICES"
cat >"$SERVICES/$MODEL.yaml" <<EOF
# Written by bench/gateway.sh: routes to the predictor the benchmark started.
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: $MODEL
  annotations:
    local.augur.dev/predictor-address: 127.0.0.1:$P_PORT
spec:
  predictor:
    timeout: 30
    model:
      modelFormat:
        name: onnx
      storageUri: file://$MODELS/$MODEL
EOF

start_predictor
start_gateway gateway "$G_PORT" true
[ "$NOLOG" = 1 ] && start_gateway gateway-nolog "$N_PORT" false

# ------------------------------------------------------------ payloads ---
# KServe's sample iris row; iris-logreg classifies it as 1 (versicolor).
V2_BODY=$WORK/v2.json
V1_BODY=$WORK/v1.json
printf '%s' '{"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[6.8,2.8,4.8,1.4]}]}' >"$V2_BODY"
printf '%s' '{"instances":[[6.8,2.8,4.8,1.4]]}' >"$V1_BODY"
V2_PATH=/v2/models/$MODEL/infer
V1_PATH=/v1/models/$MODEL:predict
# gRPC frames (5-byte prefix + protobuf) that h2load sends verbatim.
"$PYTHON" "$BENCH_DIR/grpc_frames.py" write "$WORK"
INFER_FRAME=$WORK/model_infer.grpc
GRPC_PATH=/inference.GRPCInferenceService

# --------------------------------------------------------- correctness ---
# A fast wrong answer is worthless, and so is a fast 404: every target must
# give the same answer, and the gateway must say it routed the request.
post() {   # post TARGET PATH BODY_FILE OUT_FILE -> prints HTTP status; headers in OUT_FILE.h
    curl -s -D "$4.h" -o "$4" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data-binary @"$3" "${BASE[$1]}$2"
}
for t in $TARGETS; do
    code=$(post "$t" "$V2_PATH" "$V2_BODY" "$WORK/v2.$t.out")
    [ "$code" = 200 ] || die "$t: V2 infer returned HTTP $code: $(cat "$WORK/v2.$t.out")"
    code=$(post "$t" "$V1_PATH" "$V1_BODY" "$WORK/v1.$t.out")
    [ "$code" = 200 ] || die "$t: V1 predict returned HTTP $code: $(cat "$WORK/v1.$t.out")"
    if [ "$t" != direct ]; then
        grep -qi '^x-augur-revision: iris-logreg-predictor-' "$WORK/v2.$t.out.h" \
            || die "$t: V2 response has no x-augur-revision header: was it routed? $(cat "$WORK/v2.$t.out.h")"
    fi
done
"$PYTHON" - "$WORK" $TARGETS <<'EOF' || die "the answers differ or are wrong (see above)"
import json, sys
work, targets = sys.argv[1], sys.argv[2:]
def outputs(t):
    body = json.load(open("%s/v2.%s.out" % (work, t)))
    # Compare what the model said, not ids or versions the servers add.
    return {o["name"]: (o["datatype"], o["shape"], o["data"]) for o in body["outputs"]}
want = outputs("direct")
bad = False
if want.get("label", (None, None, None))[2] != [1]:
    print("direct V2 label is not [1]: %r" % (want,), file=sys.stderr); bad = True
for t in targets:
    got = outputs(t)
    same = got.keys() == want.keys() and all(
        got[k][:2] == want[k][:2] and len(got[k][2]) == len(want[k][2]) and
        all(abs(a - b) <= 1e-6 * max(1.0, abs(b)) for a, b in zip(got[k][2], want[k][2]))
        for k in want)
    if not same:
        print("%s V2 outputs differ from direct:\n  %r\n  %r" % (t, got, want), file=sys.stderr); bad = True
    v1 = json.load(open("%s/v1.%s.out" % (work, t)))
    if v1 != {"predictions": [1]}:
        print("%s V1 answer is %r, want {\"predictions\": [1]}" % (t, v1), file=sys.stderr); bad = True
sys.exit(1 if bad else 0)
EOF
say "REST ok: V2 outputs identical on $(echo "$TARGETS" | sed 's/ /, /g') (label [1]); V1 {\"predictions\":[1]} on each"

# h2load only sees HTTP 200s, and gRPC errors arrive as HTTP 200 + grpc-status
# trailer, so an independent client (grpcio) checks the very same message.
for t in $TARGETS; do
    printf 'bench: %s: ' "$t" >&2
    "$PYTHON" "$BENCH_DIR/grpc_frames.py" verify "${ADDR[$t]}" >&2 || die "gRPC check failed on $t"
done

# ------------------------------------------------------------ runners ---
printf 'protocol\tendpoint\tload\ttarget\trepeat\treq_per_s\tp50_us\tp99_us\terrors\trequests\tseconds\tpredictor_cpu_us\tgateway_cpu_us\tpredictor_jit_us\tgateway_jit_us\n' >"$RAW"

tick_us() {   # tick_us AFTER BEFORE -> microseconds, never negative (a JIT thread may have exited)
    local d=$(( ($1 - $2) * 1000000 / CLK_TCK ))
    echo $(( d < 0 ? 0 : d ))
}
# CPU of the predictor and of the gateway a run goes through: the whole process
# (per request, where the time goes) and its JIT threads (a run during which
# the JIT is still busy measures compilation, not the gateway).
CPU_BEFORE=()
cpu_start() {   # cpu_start TARGET
    # shellcheck disable=SC2207
    CPU_BEFORE=($(ticks "${PID[direct]}") $(if [ "$1" = direct ]; then echo 0 0; else ticks "${PID[$1]}"; fi))
}
cpu_used_us() {   # cpu_used_us TARGET -> "predictor_us gateway_us predictor_jit_us gateway_jit_us" ("-": no gateway)
    local p g
    read -r -a p <<<"$(ticks "${PID[direct]}")"
    if [ "$1" = direct ]; then
        echo "$(tick_us "${p[0]}" "${CPU_BEFORE[0]}") - $(tick_us "${p[1]}" "${CPU_BEFORE[1]}") -"
    else
        read -r -a g <<<"$(ticks "${PID[$1]}")"
        echo "$(tick_us "${p[0]}" "${CPU_BEFORE[0]}") $(tick_us "${g[0]}" "${CPU_BEFORE[2]}")" \
             "$(tick_us "${p[1]}" "${CPU_BEFORE[1]}") $(tick_us "${g[1]}" "${CPU_BEFORE[3]}")"
    fi
}

ms() { awk -v u="$1" 'BEGIN { printf "%6.3f", u / 1000 }'; }

# wrk -t1: one client thread (one core) leaves the rest to the servers.
run_wrk() {   # run_wrk TARGET ENDPOINT CONNECTIONS REPEAT PATH BODY_FILE
    local t=$1 ep=$2 conns=$3 rep=$4 path=$5 body=$6 line requests dur_us p50 p99 sock status rps cpu
    cpu_start "$t"
    line=$("${LOAD_PIN[@]}" wrk -t1 -c"$conns" -d"$DURATION" --timeout 5s -s "$BENCH_DIR/wrk-report.lua" \
        "${BASE[$t]}$path" -- "$body" | grep '^BENCH_RESULT') \
        || die "wrk produced no result for $ep on $t at $conns connections"
    cpu=$(cpu_used_us "$t")
    # BENCH_RESULT requests=N duration_us=N p50_us=N p99_us=N socket_errors=N status_errors=N
    read -r requests dur_us p50 p99 sock status <<<"$(echo "$line" | sed 's/[a-z0-9_]*=//g; s/^BENCH_RESULT //')"
    rps=$(awk -v n="$requests" -v us="$dur_us" 'BEGIN { printf "%.1f", n / (us / 1e6) }')
    printf 'REST\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ep" "$conns" "$t" "$rep" "$rps" "$p50" "$p99" \
        $((sock + status)) "$requests" "$(awk -v us="$dur_us" 'BEGIN { printf "%.3f", us / 1e6 }')" $cpu >>"$RAW"
    say "$(printf '  REST %-4s %-13s %3s conn: %9s req/s  p50 %s ms  p99 %s ms  errors %s' \
        "$ep" "$t" "$conns" "$rps" "$(ms "$p50")" "$(ms "$p99")" $((sock + status)))"
}

# h2load -t1 for the same reason. It has no percentiles of its own, so its
# per-request log (start, status, microseconds) is sorted for p50/p99.
run_h2load() {   # run_h2load TARGET LOAD(CxM) REPEAT
    local t=$1 load=$2 rep=$3 conns streams out log rps secs succeeded failed errored timeout ok2xx data errors p50 p99 cpu
    conns=${load%x*}
    streams=${load#*x}
    out=$WORK/h2load.out
    log=$WORK/h2load.log
    rm -f "$log"
    cpu_start "$t"
    "${LOAD_PIN[@]}" h2load -t1 -c"$conns" -m"$streams" -D "$DURATION" --log-file="$log" \
        -H 'content-type: application/grpc' -H 'te: trailers' -d "$INFER_FRAME" \
        "${BASE[$t]}$GRPC_PATH/ModelInfer" >"$out" 2>&1 || { cat "$out" >&2; die "h2load failed on $t at $load"; }
    cpu=$(cpu_used_us "$t")
    # finished in 5.00s, 12345.67 req/s, 1.23MB/s
    rps=$(sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p' "$out")
    secs=$(sed -n 's/^finished in \([0-9.]*\)s,.*/\1/p' "$out")
    # requests: N total, N started, N done, N succeeded, N failed, N errored, N timeout
    read -r succeeded failed errored timeout <<<"$(sed -n 's/^requests: .* \([0-9]*\) succeeded, \([0-9]*\) failed, \([0-9]*\) errored, \([0-9]*\) timeout.*/\1 \2 \3 \4/p' "$out")"
    ok2xx=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' "$out")
    # traffic: 332.15KB (340120) total, 5.90KB (6043) headers (...), 251.95KB (258000) data
    data=$(sed -n 's/^traffic: .*(\([0-9]*\)) data$/\1/p' "$out")
    [ -n "$rps" ] && [ -n "$secs" ] && [ -n "$ok2xx" ] && [ -n "$data" ] && [ -n "$succeeded" ] \
        || { cat "$out" >&2; die "cannot parse h2load output"; }
    errors=$((failed + errored + timeout))
    # Every good gRPC response carries a message frame of at least 5 bytes; a
    # gRPC error is "trailers only", no data. Fewer data bytes than 5 per 2xx
    # response means at least this many responses were gRPC errors.
    if [ "$data" -lt $((5 * ok2xx)) ]; then
        errors=$((errors + ok2xx - data / 5))
    fi
    read -r p50 p99 <<<"$(awk '$2 == 200 { print $3 }' "$log" | sort -n | awk '
        { v[NR] = $1 }
        # nearest-rank percentile: the ceil(p * n)-th smallest value
        function pct(p,  k) { k = int(p * NR); if (k < p * NR) k++; if (k < 1) k = 1; return v[k] }
        END { if (NR) print pct(0.50), pct(0.99); else print 0, 0 }')"
    printf 'gRPC\tgrpc-infer\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$load" "$t" "$rep" "$rps" "$p50" "$p99" \
        "$errors" "$succeeded" "$secs" $cpu >>"$RAW"
    say "$(printf '  gRPC ModelInfer %-13s %5s: %9s req/s  p50 %s ms  p99 %s ms  errors %s' \
        "$t" "$load" "$rps" "$(ms "$p50")" "$(ms "$p99")" "$errors")"
}

# --------------------------------------------------------------- warm-up ---
# The JIT compiles the hot paths of every JVM under load: every request on
# every target at once, in rounds of 10 s, for at least BENCH_WARMUP and until
# no JVM's compiler threads are still busy (at most BENCH_WARMUP_MAX). With
# three JVMs on two cores the gateway's JIT needs well over a minute of this:
# Netty, gRPC, Vert.x and RESTEasy methods take C2 100-400 ms each. The
# clients run niced, so the compiler threads get the CPU before them.
warm_round() {   # one 10 s round of load on every target
    local t
    WARM_PIDS=()
    for t in $TARGETS; do
        "${LOAD_PIN[@]}" nice -n 19 wrk -t1 -c2 -d10s -s "$BENCH_DIR/wrk-report.lua" "${BASE[$t]}$V2_PATH" -- "$V2_BODY" >/dev/null & WARM_PIDS+=($!)
        "${LOAD_PIN[@]}" nice -n 19 wrk -t1 -c2 -d10s -s "$BENCH_DIR/wrk-report.lua" "${BASE[$t]}$V1_PATH" -- "$V1_BODY" >/dev/null & WARM_PIDS+=($!)
        "${LOAD_PIN[@]}" nice -n 19 h2load -t1 -c2 -m1 -D 10s -H 'content-type: application/grpc' -H 'te: trailers' \
            -d "$INFER_FRAME" "${BASE[$t]}$GRPC_PATH/ModelInfer" >/dev/null & WARM_PIDS+=($!)
    done
    for pid in "${WARM_PIDS[@]}"; do wait "$pid" || die "a warm-up client failed"; done
    WARM_PIDS=()
}
warm_min=$(secs_of "$WARMUP")
warm_max=$(secs_of "$WARMUP_MAX")
say "warming up: at least $warm_min s, until the JIT threads use < $JIT_QUIET% of a core (at most $warm_max s)"
WARMED=0
JIT_SETTLED=no
while :; do
    declare -A jit_before=()
    for t in $TARGETS; do read -r _ jit_before[$t] <<<"$(ticks "${PID[$t]}")"; done
    warm_round
    WARMED=$((WARMED + 10))
    busy=0
    JIT_LAST=
    for t in $TARGETS; do
        read -r _ j <<<"$(ticks "${PID[$t]}")"
        pct=$(( (j - jit_before[$t]) * 100 / CLK_TCK / 10 ))
        [ "$pct" -lt 0 ] && pct=0
        [ "$pct" -ge "$JIT_QUIET" ] && busy=1
        JIT_LAST+="${JIT_LAST:+, }$(server_name "$t") $pct%"
    done
    say "  warm-up ${WARMED} s: JIT threads used $JIT_LAST of a core in the last 10 s"
    if [ "$WARMED" -ge "$warm_min" ] && [ "$busy" = 0 ]; then JIT_SETTLED=yes; break; fi
    if [ "$WARMED" -ge "$warm_max" ]; then
        say "warning: the JIT is still busy after $WARMED s of warm-up; the first runs will be slower (BENCH_WARMUP_MAX)"
        break
    fi
done

# ------------------------------------------------------------- measure ---
# Direct and gateway runs of the same request at the same load follow each
# other, and repeats are whole passes, so slow drift (another build on the
# machine, thermal) hits both sides of each comparison alike.
n_targets=$(wc -w <<<"$TARGETS")
n_runs=$(( REPEATS * n_targets * ($(wc -w <<<"$CONNECTIONS") * 2 + $(wc -w <<<"$GRPC_LOADS")) ))
say "measuring: $n_runs runs of $DURATION each"
for rep in $(seq 1 "$REPEATS"); do
    [ "$REPEATS" -gt 1 ] && say "pass $rep of $REPEATS"
    for c in $CONNECTIONS; do
        for t in $TARGETS; do run_wrk "$t" v2 "$c" "$rep" "$V2_PATH" "$V2_BODY"; done
        for t in $TARGETS; do run_wrk "$t" v1 "$c" "$rep" "$V1_PATH" "$V1_BODY"; done
    done
    for load in $GRPC_LOADS; do
        for t in $TARGETS; do run_h2load "$t" "$load" "$rep"; done
    done
done

# The servers' own logs are part of the evidence: errors during load show here.
for t in $TARGETS; do
    # (Quarkus warns on JDK 17 that it has no virtual threads: not about the run.)
    if grep -v -e '^{"time"' -e 'spawns virtual threads' "${LOG[$t]}" | grep -qE ' (ERROR|WARN) '; then
        say "note: the $(server_name "$t") logged warnings/errors during the run, see $LOG_PREFIX.$t.log"
    fi
done
# The access log must be on where we say it is, and off where we say it is not.
ACCESS_LINES=$(grep -c '^{"time"' "${LOG[gateway]}" || true)
[ "$ACCESS_LINES" -gt 0 ] || die "the gateway wrote no access-log lines: is augur.gateway.access-log on?"
if [ "$NOLOG" = 1 ]; then
    n=$(grep -c '^{"time"' "${LOG[gateway-nolog]}" || true)
    [ "$n" = 0 ] || die "the gateway with the access log off wrote $n access-log lines"
fi

# -------------------------------------------------------------- report ---
{
    echo "# Gateway overhead benchmark $STAMP"
    echo
    echo "- machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); client, predictor and gateway share it"
    echo "- java: $("$JAVA" -version 2>&1 | head -n 1)$( [ -n "${BENCH_JAVA_OPTS:-}" ] && echo ", opts: $BENCH_JAVA_OPTS")"
    echo "- jars: $PRED_JAR, $GW_JAR"
    echo "- git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- predictor gateway protocol isvc 2>/dev/null || echo ' (with local changes)')"
    echo "- tools: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(h2load --version 2>&1 | head -n 1)"
    echo "- settings: duration $DURATION per run, $REPEATS repeat(s) (medians), wrk -t1, h2load -t1${BENCH_PIN:+, BENCH_PIN=$BENCH_PIN}"
    echo "- warm-up: $WARMED s under load$( [ "$JIT_SETTLED" = yes ] && echo ", until the JIT threads of each JVM used < $JIT_QUIET% of a core" || echo ", JIT **not settled** (BENCH_WARMUP_MAX)") (last 10 s: $JIT_LAST)"
    echo "- model $MODEL, one row; direct = predictor :$P_PORT, gateway = gateway :$G_PORT (access log on, $ACCESS_LINES lines written)$( [ "$NOLOG" = 1 ] && echo ", gateway-nolog = gateway :$N_PORT with augur.gateway.access-log=false")"
    echo "- REST: V2 \`POST $V2_PATH\`, V1 \`POST $V1_PATH\` (wrk, HTTP/1.1 keep-alive); gRPC: ModelInfer (h2load, h2c), connections C or C × S streams"
    echo
    "$PYTHON" "$BENCH_DIR/gateway_report.py" "$RAW"
} >"$REPORT"

echo
cat "$REPORT"
echo
say "saved $REPORT (raw: $RAW, server logs: $LOG_PREFIX.*.log)"
