#!/usr/bin/python3
"""Two builds side by side, in short paired slices: the before/after check for a busy machine.

  bench/paired.py --a-predictor JAR --b-predictor JAR [--a-gateway JAR --b-gateway JAR] [options]

Starts build A's and build B's predictor (and, with gateway jars, each build's gateway routing to its own predictor,
like bench/gateway.sh) at once, checks their answers, warms both up, then measures slice by slice: at each load and
endpoint, A for --slice seconds, then B (B first in every other round), for --rounds rounds. A drift of the machine
(other engineers' builds start and stop within seconds) then hits both builds of a pair nearly alike, where whole
runs of bench/run.sh minutes apart see different machines. Per slice it also reads the servers' CPU time from /proc:
CPU per request is what the code costs, and depends far less than req/s on how much of the machine we got.

The table, per endpoint and load: median req/s of A and of B, the median over rounds of the pair's B/A ratio, and the
servers' CPU microseconds per request (median) of A and B with their ratio B/A (below 1: B costs less).
Endpoints: without gateways, the predictor's (bench/run.sh's: GET /v2/health/live and gRPC ServerLive as baselines,
V2, V1 and gRPC ModelInfer); with gateways, V2, V1 and ModelInfer through each gateway (bench/gateway.sh's), CPU being
the gateway's plus its predictor's. Saved as bench/results/paired-<date>.md. Tools: as for bench/run.sh.
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
MODEL = "iris-logreg"
V2_BODY = '{"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[6.8,2.8,4.8,1.4]}]}'
V1_BODY = '{"instances":[[6.8,2.8,4.8,1.4]]}'
GRPC = "/inference.GRPCInferenceService/"
TICK = os.sysconf("SC_CLK_TCK")
PROCS = []


def say(msg):
    print("paired: " + msg, file=sys.stderr, flush=True)


def stop_all():
    for p in PROCS:
        if p.poll() is None:
            p.terminate()
    for p in PROCS:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            p.kill()


def http(url, body=None):
    req = urllib.request.Request(url, data=body.encode() if body else None,
                                 headers={"Content-Type": "application/json"} if body else {})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


def start(name, jar, port, env, work, ready_path):
    if http("http://127.0.0.1:%d/" % port)[0]:
        sys.exit("paired: port %d is in use" % port)
    log = open(os.path.join(work, name + ".log"), "w")
    full = dict(os.environ, QUARKUS_HTTP_HOST="127.0.0.1", QUARKUS_HTTP_PORT=str(port), **env)
    p = subprocess.Popen(["java"] + os.environ.get("BENCH_JAVA_OPTS", "").split() + ["-jar", jar],
                         stdout=log, stderr=subprocess.STDOUT, env=full)
    PROCS.append(p)
    for _ in range(240):
        if p.poll() is not None:
            sys.exit("paired: %s exited during start-up, see %s" % (name, log.name))
        if http("http://127.0.0.1:%d%s" % (port, ready_path))[0] == 200:
            say("%s ready (pid %d, port %d)" % (name, p.pid, port))
            return p
        time.sleep(0.5)
    sys.exit("paired: %s not ready after 120 s" % name)


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])   # utime, stime (fields 14 and 15 of stat)
    return total


def wrk(url, conns, secs, body_file):
    cmd = ["wrk", "-t1", "-c%d" % conns, "-d%ds" % secs, "--timeout", "5s", "-s",
           os.path.join(BENCH, "wrk-report.lua"), url] + (["--", body_file] if body_file else [])
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    m = re.search(r"BENCH_RESULT requests=(\d+) duration_us=(\d+) .*socket_errors=(\d+) status_errors=(\d+)", out)
    if not m:
        sys.exit("paired: wrk gave no result: " + out)
    n, us, sock, status = map(int, m.groups())
    return n, us / 1e6, sock + status


def h2load(url, load, secs, frame):
    conns, streams = load.split("x")
    cmd = ["h2load", "-t1", "-c" + conns, "-m" + streams, "-D", str(secs), "-H", "content-type: application/grpc",
           "-H", "te: trailers", "-d", frame, url]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    fin = re.search(r"finished in ([0-9.]+)(m?s),", out)
    req = re.search(r"requests: .* (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout", out)
    if not fin or not req:
        sys.exit("paired: cannot read h2load's output: " + out)
    secs_run = float(fin.group(1)) / (1000 if fin.group(2) == "ms" else 1)
    ok, failed, errored, timeout = map(int, req.groups())
    return ok, secs_run, failed + errored + timeout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a-predictor", required=True)
    ap.add_argument("--b-predictor", required=True)
    ap.add_argument("--a-gateway")
    ap.add_argument("--b-gateway")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--slice", type=int, default=3, help="seconds per measured slice")
    ap.add_argument("--warmup", type=int, default=20, help="seconds of warm-up load on both builds")
    ap.add_argument("--connections", default=None, help="REST loads [predictor: '1 8 32 64', gateway: '1 8 32']")
    ap.add_argument("--grpc-loads", default=None, help="gRPC loads [predictor: '1x1 8x1 32x1 1x32', "
                                                       "gateway: '1x1 8x1 1x32']")
    ap.add_argument("--port", type=int, default=18181, help="first of the ports used (4 with gateways)")
    args = ap.parse_args()
    gateways = bool(args.a_gateway and args.b_gateway)
    conns = [int(c) for c in (args.connections or ("1 8 32" if gateways else "1 8 32 64")).split()]
    grpc_loads = (args.grpc_loads or ("1x1 8x1 1x32" if gateways else "1x1 8x1 32x1 1x32")).split()
    models = os.path.join(ROOT, "models")
    work = tempfile.mkdtemp(prefix="paired-")
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    try:
        run(args, gateways, conns, grpc_loads, models, work)
    finally:
        stop_all()
        shutil.rmtree(work, ignore_errors=True)


def run(args, gateways, conns, grpc_loads, models, work):
    builds = {}
    for i, label in enumerate("AB"):
        pport = args.port + i
        pred_jar = os.path.abspath(getattr(args, label.lower() + "_predictor"))
        pred = start("predictor-" + label, pred_jar, pport, {"AUGUR_MODEL_REPOSITORY": models}, work,
                     "/v2/health/ready")
        b = {"pids": [pred.pid], "port": pport, "jars": [pred_jar]}
        if gateways:
            gport = args.port + 2 + i
            services = os.path.join(work, "services-" + label)
            os.makedirs(services)
            with open(os.path.join(services, MODEL + ".yaml"), "w") as f:
                f.write("""apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: %s
  annotations:
    local.augur.dev/predictor-address: 127.0.0.1:%d
spec:
  predictor:
    timeout: 30
    model:
      modelFormat:
        name: onnx
      storageUri: file://%s/%s
""" % (MODEL, pport, models, MODEL))
            gw_jar = os.path.abspath(getattr(args, label.lower() + "_gateway"))
            gw = start("gateway-" + label, gw_jar, gport, {"AUGUR_SERVICES_DIR": services,
                       "AUGUR_LOCAL_RUN_DIR": os.path.join(work, "run-" + label)}, work,
                       "/v2/models/%s/ready" % MODEL)
            b = {"pids": [pred.pid, gw.pid], "port": gport, "jars": [pred_jar, gw_jar]}
        builds[label] = b

    v2 = os.path.join(work, "v2.json")
    v1 = os.path.join(work, "v1.json")
    open(v2, "w").write(V2_BODY)
    open(v1, "w").write(V1_BODY)
    subprocess.run(["/usr/bin/python3", os.path.join(BENCH, "grpc_frames.py"), "write", work], check=True)
    infer_frame = os.path.join(work, "model_infer.grpc")
    live_frame = os.path.join(work, "server_live.grpc")

    # Correctness first: a fast wrong answer is worthless.
    for label, b in builds.items():
        base = "http://127.0.0.1:%d" % b["port"]
        code, body = http(base + "/v2/models/%s/infer" % MODEL, V2_BODY)
        if code != 200 or b'"data":[1]' not in body.replace(b" ", b""):
            sys.exit("paired: %s V2 answer is wrong: %d %s" % (label, code, body[:300]))
        code, body = http(base + "/v1/models/%s:predict" % MODEL, V1_BODY)
        if code != 200 or body.replace(b" ", b"") != b'{"predictions":[1]}':
            sys.exit("paired: %s V1 answer is wrong: %d %s" % (label, code, body[:300]))
        subprocess.run(["/usr/bin/python3", os.path.join(BENCH, "grpc_frames.py"), "verify",
                        "127.0.0.1:%d" % b["port"]], check=True, stdout=sys.stderr)
    say("answers right on both builds (V2 label [1], V1 {\"predictions\":[1]}, gRPC label 1)")

    endpoints = []   # (name, protocol, loads, runner(base, load, secs))
    rest = [("v2", lambda base, c, s: wrk(base + "/v2/models/%s/infer" % MODEL, c, s, v2)),
            ("v1", lambda base, c, s: wrk(base + "/v1/models/%s:predict" % MODEL, c, s, v1))]
    if not gateways:
        rest.insert(0, ("live", lambda base, c, s: wrk(base + "/v2/health/live", c, s, None)))
    for name, fn in rest:
        endpoints.append((name, "REST", conns, fn))
    if not gateways:
        endpoints.append(("grpc-live", "gRPC", grpc_loads,
                          lambda base, l, s: h2load(base + GRPC + "ServerLive", l, s, live_frame)))
    endpoints.append(("grpc-infer", "gRPC", grpc_loads,
                      lambda base, l, s: h2load(base + GRPC + "ModelInfer", l, s, infer_frame)))

    say("warming up both builds for %d s" % args.warmup)
    warm = []
    for b in builds.values():
        base = "http://127.0.0.1:%d" % b["port"]
        for path, body in (("/v2/models/%s/infer" % MODEL, v2), ("/v1/models/%s:predict" % MODEL, v1)):
            warm.append(subprocess.Popen(["wrk", "-t1", "-c4", "-d%ds" % args.warmup, "-s",
                                          os.path.join(BENCH, "wrk-report.lua"), base + path, "--", body],
                                         stdout=subprocess.DEVNULL))
        warm.append(subprocess.Popen(["h2load", "-t1", "-c4", "-m1", "-D", str(args.warmup), "-H",
                                      "content-type: application/grpc", "-H", "te: trailers", "-d", infer_frame,
                                      base + GRPC + "ModelInfer"], stdout=subprocess.DEVNULL))
    for w in warm:
        w.wait()

    rows = {}   # (name, load) -> {"A": [(rps, cpu_us_per_req)], "B": [...], "ratio": []}
    errors = 0
    for rnd in range(args.rounds):
        order = "AB" if rnd % 2 == 0 else "BA"
        say("round %d of %d (order %s)" % (rnd + 1, args.rounds, order))
        for name, proto, loads, fn in endpoints:
            for load in loads:
                got = {}
                for label in order:
                    b = builds[label]
                    before = cpu_ticks(b["pids"])
                    n, secs, err = fn("http://127.0.0.1:%d" % b["port"], load, args.slice)
                    used = cpu_ticks(b["pids"]) - before
                    errors += err
                    got[label] = (n / secs, used * 1e6 / TICK / max(n, 1))
                r = rows.setdefault((proto, name, str(load)), {"A": [], "B": [], "ratio": []})
                r["A"].append(got["A"])
                r["B"].append(got["B"])
                r["ratio"].append(got["B"][0] / got["A"][0] if got["A"][0] else float("nan"))

    med = statistics.median
    lines = ["# Paired A/B, %s: %d rounds of %d s slices (A then B, B first every other round)"
             % ("gateway (through each build's gateway)" if gateways else "predictor", args.rounds, args.slice), "",
             "- A: " + ", ".join(builds["A"]["jars"]), "- B: " + ", ".join(builds["B"]["jars"]),
             "- machine: %d cores, %s; load average at the end: %.1f %.1f %.1f"
             % ((os.cpu_count(), cpu_model()) + os.getloadavg()),
             "- java: %s%s" % (subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
                               .splitlines()[0], (", opts: " + os.environ["BENCH_JAVA_OPTS"])
                               if os.environ.get("BENCH_JAVA_OPTS") else ""),
             "- errors (socket, non-2xx, failed gRPC requests) over all slices: %d" % errors, "",
             "| protocol | endpoint | load | A req/s | B req/s | B/A req/s (median of pairs, min-max) "
             "| A CPU µs/req | B CPU µs/req | B/A CPU |", "|---|---|---|---|---|---|---|---|---|"]
    for (proto, name, load), r in rows.items():
        a_rps, b_rps = med(x[0] for x in r["A"]), med(x[0] for x in r["B"])
        a_cpu, b_cpu = med(x[1] for x in r["A"]), med(x[1] for x in r["B"])
        lines.append("| %s | %s | %s | %.0f | %.0f | %.2f (%.2f-%.2f) | %.1f | %.1f | %.2f |" % (
            proto, name, load, a_rps, b_rps, med(r["ratio"]), min(r["ratio"]), max(r["ratio"]), a_cpu, b_cpu,
            b_cpu / a_cpu if a_cpu else float("nan")))
    text = "\n".join(lines) + "\n"
    out = os.path.join(BENCH, "results", "paired-%s%s.md" % ("gateway-" if gateways else "",
                                                             time.strftime("%Y-%m-%d-%H%M%S")))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write(text)
    print(text)
    say("saved " + out)


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown cpu"


if __name__ == "__main__":
    main()
