#!/usr/bin/env bash
# Cost of authentication at the gateway: one command, from the repo root:   bench/security.sh
#
# One predictor (iris-logreg) behind two gateways routing to it: one with security off (no keys file, loopback:
# open), one with a keys file and a JWKS. V2 REST infer is measured, interleaved in every pass, in three modes:
#   off   the open gateway, no Authorization header
#   key   the secured gateway, Authorization: Bearer <API key>   (SHA-256 + map lookup per request)
#   jwt   the secured gateway, Authorization: Bearer <RS256 JWT>  (verified once, then the token cache)
# each at BENCH_CONNECTIONS (throughput) and at 1 connection (p50 latency). Prints a Markdown table of medians
# (requests/s and ratio to off; p50 and what auth adds), also saved to bench/results/security-<date>.md.
#
# Settings (environment):
#   AUGUR_PREDICTOR_JAR / AUGUR_GATEWAY_JAR   [predictor|gateway/target/quarkus-app/quarkus-run.jar]
#   BENCH_DURATION     per measured run          [8s]
#   BENCH_REPEATS      passes (medians)          [3]
#   BENCH_WARMUP       load per mode before      [20s]
#   BENCH_CONNECTIONS  throughput connections    [32]
#   BENCH_JAVA         java                      [java]
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT"
DURATION=${BENCH_DURATION:-8s}
REPEATS=${BENCH_REPEATS:-3}
WARMUP=${BENCH_WARMUP:-20s}
CONNS=${BENCH_CONNECTIONS:-32}
JAVA=${BENCH_JAVA:-java}
PRED_JAR=${AUGUR_PREDICTOR_JAR:-$ROOT/predictor/target/quarkus-app/quarkus-run.jar}
GW_JAR=${AUGUR_GATEWAY_JAR:-$ROOT/gateway/target/quarkus-app/quarkus-run.jar}
ISSUER=https://issuer.bench
AUDIENCE=augur-gateway

die() { echo "bench: ERROR: $*" >&2; exit 1; }
say() { echo "bench: $*" >&2; }
for c in wrk curl python3 "$JAVA"; do command -v "$c" >/dev/null || die "'$c' not found"; done
python3 -c 'import cryptography' 2>/dev/null || die "python3 cannot import cryptography: apt-get install python3-cryptography"
[ -f "$PRED_JAR" ] || die "predictor jar not found: $PRED_JAR (mvn -B package -DskipTests -pl predictor -am)"
[ -f "$GW_JAR" ] || die "gateway jar not found: $GW_JAR (mvn -B package -DskipTests -pl gateway -am)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
P_PORT=$(free_port); OFF_PORT=$(free_port); ON_PORT=$(free_port)
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

python3 "$BENCH_DIR/security_keys.py" "$WORK" "$ISSUER" "$AUDIENCE"
KEY=$(cat "$WORK/key.txt"); TOKEN=$(cat "$WORK/token.txt")
mkdir -p "$WORK/services"
cat > "$WORK/services/iris-logreg.yaml" <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: iris-logreg
  annotations:
    local.augur.dev/predictor-address: 127.0.0.1:$P_PORT
spec:
  predictor:
    model:
      modelFormat: {name: onnx}
      storageUri: file://$ROOT/models/iris-logreg
YAML
BODY=$WORK/body.json
echo '{"inputs": [{"name": "float_input", "shape": [1, 4], "datatype": "FP32", "data": [6.8, 2.8, 4.8, 1.4]}]}' > "$BODY"

QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$P_PORT AUGUR_MODEL_REPOSITORY=$ROOT/models \
    "$JAVA" -Xmx512m -jar "$PRED_JAR" > "$WORK/predictor.log" 2>&1 &
PIDS+=($!)
# The gateways start once the predictor answers: a gateway whose first calls find the predictor's port closed can keep
# answering 503 for minutes (README Limits), which is not what this benchmark measures.
for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$P_PORT/v2/health/ready")" = 200 ] && break
    sleep 0.2
done
start_gateway() {   # start_gateway PORT NAME [ENV...]
    local port=$1 name=$2; shift 2
    env QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" AUGUR_SERVICES_DIR="$WORK/services" \
        AUGUR_LOCAL_RUN_DIR="$WORK/run-$name" AUGUR_GATEWAY_ACCESS_LOG=false AUGUR_KAFKA_ENABLED=false "$@" \
        "$JAVA" -Xmx512m -jar "$GW_JAR" > "$WORK/gateway-$name.log" 2>&1 &
    PIDS+=($!)
}
start_gateway "$OFF_PORT" off
start_gateway "$ON_PORT" on AUGUR_GATEWAY_SECURITY_KEYS_FILE="$WORK/keys.yaml" \
    AUGUR_GATEWAY_SECURITY_JWT_JWKS="$WORK/jwks.json" AUGUR_GATEWAY_SECURITY_JWT_ISSUER="$ISSUER" \
    AUGUR_GATEWAY_SECURITY_JWT_AUDIENCE="$AUDIENCE"

declare -A URL=([off]=http://127.0.0.1:$OFF_PORT [key]=http://127.0.0.1:$ON_PORT [jwt]=http://127.0.0.1:$ON_PORT)
declare -A AUTH=([off]="" [key]="Bearer $KEY" [jwt]="Bearer $TOKEN")
MODES="off key jwt"
infer() {   # infer MODE: the HTTP status of one V2 infer
    local mode=$1 h=()
    [ -n "${AUTH[$mode]}" ] && h=(-H "Authorization: ${AUTH[$mode]}")
    curl -s -o "$WORK/answer-$mode.json" -w '%{http_code}' "${h[@]}" -H 'Content-Type: application/json' \
        --data-binary @"$BODY" "${URL[$mode]}/v2/models/iris-logreg/infer" || true
}
for mode in $MODES; do
    for _ in $(seq 1 600); do [ "$(infer "$mode")" = 200 ] && break; sleep 0.2; done
    [ "$(infer "$mode")" = 200 ] || die "$mode: no 200 from the gateway (logs in $WORK)"
done
# Refused without a credential: the secured gateway really checks.
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @"$BODY" \
    "${URL[key]}/v2/models/iris-logreg/infer")" = 401 ] || die "the secured gateway answered without a credential"
python3 - "$WORK" <<'PY' || die "answers differ between off, key and jwt"
import json, sys
outs = [json.load(open("%s/answer-%s.json" % (sys.argv[1], m)))["outputs"] for m in ("off", "key", "jwt")]
sys.exit(0 if outs[0] == outs[1] == outs[2] else 1)
PY
grep -q 'security: ON (API keys and JWT)' "$WORK/gateway-on.log" || die "the secured gateway did not say ON"

run_wrk() {   # run_wrk MODE CONNECTIONS DURATION -> "requests_per_s p50_us"
    local mode=$1 conns=$2 dur=$3 h=() line
    [ -n "${AUTH[$mode]}" ] && h=(-H "Authorization: ${AUTH[$mode]}")
    line=$(wrk -t1 -c"$conns" -d"$dur" --timeout 5s "${h[@]}" -s "$BENCH_DIR/wrk-report.lua" \
        "${URL[$mode]}/v2/models/iris-logreg/infer" -- "$BODY" | grep BENCH_RESULT)
    python3 - "$line" <<'PY'
import sys
f = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
if int(f["status_errors"]) or int(f["socket_errors"]):
    sys.exit("errors during the run: " + sys.argv[1])
print(int(f["requests"]) / (int(f["duration_us"]) / 1e6), f["p50_us"])
PY
}
for mode in $MODES; do say "warm-up $mode ($WARMUP)"; run_wrk "$mode" "$CONNS" "$WARMUP" > /dev/null; done
RAW=$WORK/raw.tsv
for r in $(seq 1 "$REPEATS"); do
    for mode in $MODES; do
        read -r rps _ < <(run_wrk "$mode" "$CONNS" "$DURATION")
        read -r _ p50 < <(run_wrk "$mode" 1 "$DURATION")
        say "pass $r $mode: $rps req/s at $CONNS connections, p50 $p50 us at 1"
        printf '%s\t%s\t%s\n' "$mode" "$rps" "$p50" >> "$RAW"
    done
done
mkdir -p "$BENCH_DIR/results"
REPORT=$BENCH_DIR/results/security-$(date +%Y-%m-%d-%H%M%S).md
python3 - "$RAW" "$CONNS" "$REPEATS" "$DURATION" > "$REPORT" <<'PY'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
conns, repeats, duration = sys.argv[2:5]
med = {}
for mode in ("off", "key", "jwt"):
    rps = [float(r[1]) for r in rows if r[0] == mode]
    p50 = [float(r[2]) for r in rows if r[0] == mode]
    med[mode] = (statistics.median(rps), statistics.median(p50))
print("V2 REST infer through the gateway (iris-logreg, one row), medians of %s interleaved passes of %s" % (repeats, duration))
print()
print("| auth | req/s at %s conn | vs off | p50 at 1 conn (us) | added p50 (us) |" % conns)
print("|---|---|---|---|---|")
for mode in ("off", "key", "jwt"):
    rps, p50 = med[mode]
    print("| %s | %.0f | %.3f | %.0f | %+.0f |" % (mode, rps, rps / med["off"][0], p50, p50 - med["off"][1]))
PY
cat "$REPORT"
say "saved $REPORT"
