#!/usr/bin/env bash
# Explainer benchmark: one command, from the repo root, after `mvn -pl predictor,explainer -am package`:
#   bench/explainer.sh            (on a shared machine: flock /tmp/augur-mvn.lock bench/explainer.sh)
#
# Starts the predictor (iris-logreg, iris-forest) and the explainer (iris background, iris feature names) on free
# ports, checks one explanation per method, warms up, then runs BENCH_N explanations per method and model one after
# another over V1 REST (:explain), each on a different iris row, and prints explanations/s, latency, model calls
# and samples per explanation as a Markdown table, also saved to bench/results/explainer-<date>.md.
#
# Settings (environment):
#   BENCH_N          explanations measured per method and model          [30]
#   BENCH_WARMUP     explanations per method and model before measuring  [10]
#   BENCH_JAVA       java binary                                         [java]
#   BENCH_PYTHON     python3 (standard library only)                      [/usr/bin/python3]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${BENCH_N:-30}
WARMUP=${BENCH_WARMUP:-10}
JAVA=${BENCH_JAVA:-java}
PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
PREDICTOR_JAR=predictor/target/quarkus-app/quarkus-run.jar
EXPLAINER_JAR=explainer/target/quarkus-app/quarkus-run.jar
for j in "$PREDICTOR_JAR" "$EXPLAINER_JAR"; do
  [ -f "$j" ] || { echo "missing $j: run mvn -B -pl predictor,explainer -am package -DskipTests first" >&2; exit 1; }
done

free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PPORT=$(free_port)
EPORT=$(free_port)
WORK=$(mktemp -d /tmp/augur-explainer-bench.XXXXXX)
mkdir -p "$WORK/repo/iris-logreg/1" "$WORK/repo/iris-forest/1" bench/results
cp models/iris-logreg/1/model.onnx "$WORK/repo/iris-logreg/1/"
cp models/iris-forest/1/model.onnx "$WORK/repo/iris-forest/1/"

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

QUARKUS_HTTP_PORT=$PPORT AUGUR_MODEL_REPOSITORY=$WORK/repo "$JAVA" -Xmx512m -jar "$PREDICTOR_JAR" \
  >"$WORK/predictor.log" 2>&1 &
PIDS+=($!)
NAMES='sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)'
BG=$ROOT/models/iris-logreg/reference.json
QUARKUS_HTTP_PORT=$EPORT "$JAVA" -Xmx512m \
  -Daugur.explainer.predictor=localhost:$PPORT \
  -Daugur.explainer.background="$BG" \
  "-Daugur.explainer.feature-names=$NAMES" \
  -jar "$EXPLAINER_JAR" >"$WORK/explainer.log" 2>&1 &
PIDS+=($!)

wait_ready() {
  for _ in $(seq 1 300); do
    curl -sf "http://localhost:$1$2" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "not ready: localhost:$1$2" >&2; cat "$WORK"/*.log >&2; exit 1
}
wait_ready "$PPORT" /v2/health/ready
wait_ready "$EPORT" /q/health/ready

OUT=bench/results/explainer-$(date +%Y%m%d-%H%M%S).md
"$PYTHON" - "$EPORT" "$N" "$WARMUP" "$OUT" <<'PY'
import json, statistics, sys, time, urllib.request, platform, os
port, n, warmup, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rows = json.load(open("models/iris-logreg/reference.json"))["inputs"]

def explain(model, method, row, seed):
    body = json.dumps({"instances": [row], "parameters": {"method": method, "seed": seed}}).encode()
    req = urllib.request.Request(f"http://localhost:{port}/v1/models/{model}:explain", body,
                                 {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["explanations"]

cases = [(m, meth) for meth in ("kernel-shap", "lime", "anchors") for m in ("iris-logreg", "iris-forest")]
lines = ["| method | model | explanations/s | p50 ms | p95 ms | model calls / expl. | samples / expl. | budget |",
         "|---|---|---:|---:|---:|---:|---:|---|"]
for model, method in cases:
    e = explain(model, method, rows[0], 0)   # correctness check: the document is complete
    assert e["method"] == method and e["data"], e
    for i in range(warmup):
        explain(model, method, rows[(i * 7) % len(rows)], i)
    lat, calls, samples = [], [], []
    t0 = time.perf_counter()
    for i in range(n):
        s = time.perf_counter()
        e = explain(model, method, rows[(i * 5 + 1) % len(rows)], 1000 + i)
        lat.append((time.perf_counter() - s) * 1000)
        calls.append(e["model_calls"]); samples.append(e["samples"])
    wall = time.perf_counter() - t0
    p = e["params"]
    budget = {"kernel-shap": lambda: f"{p['samples']} coalitions (all 14 enumerated) x 150 background rows",
              "lime": lambda: f"{p['samples']} samples",
              "anchors": lambda: f"batch {p['batch_size']}, threshold {p['threshold']}"}[method]()
    lat.sort()
    lines.append(f"| {method} | {model} | {n / wall:.1f} | {statistics.median(lat):.1f} | "
                 f"{lat[int(0.95 * (len(lat) - 1))]:.1f} | {statistics.mean(calls):.1f} | "
                 f"{statistics.mean(samples):.0f} | {budget} |")
head = (f"Explainer benchmark, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
        f"{platform.platform()}; {n} explanations per row, one at a time over V1 REST, "
        f"after {warmup} warm-up explanations; predictor and explainer on this machine.\n")
text = head + "\n" + "\n".join(lines) + "\n"
print(text)
open(out, "w").write(text)
print(f"saved {out}")
PY
