#!/usr/bin/python3
"""Throughput in the first seconds after a cold start: what the JIT settings cost after start-up (bench/startup.sh
measures the start itself). One command, from the repo root, after `mvn package -DskipTests`:

  bench/warmup.py

For each variant in turn (A B C A B C ...), starts the packaged predictor (JDK 25, its jvm.options and app.aot, an
iris repository), waits for its first correct V2 answer, then runs `wrk -t1 -c8 -d1s` WARMUP_SECONDS times back to
back against V2 infer: the requests each second of the warm-up served. Prints a Markdown table of the medians per
second and of the total, each variant's total against the first's, and saves it to bench/results/warmup-<date>.md.

Settings: WARMUP_VARIANTS  "name=JVM options;name2=..." appended after jvm.options (later options win); the first
                           is the baseline [jvm.options=;cts1=-XX:CompileThresholdScaling=1]
          WARMUP_RUNS [3], WARMUP_SECONDS [12], WARMUP_CONNECTIONS [8],
          WARMUP_PIN=1 (the predictor on the last CPU, wrk on the others), JAVA25 (see bench/startup.py).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import startup as S

RUNS = int(os.environ.get("WARMUP_RUNS", "3"))
SECONDS = int(os.environ.get("WARMUP_SECONDS", "12"))
CONNECTIONS = os.environ.get("WARMUP_CONNECTIONS", "8")
PIN = os.environ.get("WARMUP_PIN", "0") == "1"
BODY = ('{"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[%s]}]}'
        % ",".join(str(v) for v in S.ROW))


def variants():
    spec = os.environ.get("WARMUP_VARIANTS", "jvm.options=;cts1=-XX:CompileThresholdScaling=1")
    out = []
    for item in spec.split(";"):
        name, _, opts = item.partition("=")
        out.append((name.strip(), opts.split()))
    return out


def pin(cmd, server):
    if not PIN:
        return cmd
    last = os.cpu_count() - 1
    return ["taskset", "-c", str(last) if server else "0-%d" % (last - 1), *cmd]


def one_run(opts, tmp, lua):
    port, env, cwd, ok = S.service_setup("predictor", tmp, None)
    cmd = S.command("new-jdk25-aot", "predictor")
    with open(os.path.join(tmp, "predictor.log"), "ab") as log:
        p = S.spawn(pin(cmd[:-2] + opts + cmd[-2:], True), env, cwd, log)
        try:
            t0 = time.monotonic()
            while not ok(port):
                if p.poll() is not None or time.monotonic() - t0 > 120:
                    raise RuntimeError("the predictor did not answer (log %s)" % log.name)
                time.sleep(0.01)
            url = "http://127.0.0.1:%d/v2/models/iris/infer" % port
            per_second = []
            for _ in range(SECONDS):
                out = subprocess.run(pin(["wrk", "-t1", "-c" + CONNECTIONS, "-d1s", "-s", lua, url], False),
                                     capture_output=True, text=True, check=True).stdout
                per_second.append(float(next(l.split()[1] for l in out.splitlines()
                                             if l.startswith("Requests/sec:"))))
            return per_second
        finally:
            S.stop(p)


def main():
    if not os.path.isfile(os.path.join(S.app("predictor"), "app.aot")):
        sys.exit("warmup: build first (mvn -B package -DskipTests, with a JDK 25 for the AOT cache)")
    vs = variants()
    results = {name: [] for name, _ in vs}
    with tempfile.TemporaryDirectory(prefix="augur-warmup-") as tmp:
        lua = os.path.join(tmp, "post.lua")
        with open(lua, "w") as f:
            f.write("wrk.method = \"POST\"\nwrk.body = '%s'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
                    % BODY)
        for r in range(RUNS):
            for name, opts in vs:
                per_second = one_run(opts, tmp, lua)
                results[name].append(per_second)
                print("warmup: run %d %s: %s" % (r + 1, name, " ".join("%.0f" % x for x in per_second)),
                      file=sys.stderr, flush=True)
    head = "| variant | " + " | ".join("s%d" % (i + 1) for i in range(SECONDS)) + " | requests in %d s | vs %s |" % (
        SECONDS, vs[0][0])
    lines = ["# Warm-up after a cold start, %s; median req/s of %d runs per second (wrk -t1 -c%s, V2 infer, iris)"
             % (time.strftime("%Y-%m-%d %H:%M"), RUNS, CONNECTIONS), "", head,
             "|---|" + "---:|" * (SECONDS + 2)]
    base_total = None
    for name, opts in vs:
        runs = results[name]
        medians = [statistics.median(run[i] for run in runs) for i in range(SECONDS)]
        total = statistics.median(sum(run) for run in runs)
        base_total = base_total or total
        lines.append("| %s `%s` | %s | %.0f | %.2f |" % (name, " ".join(opts) or "-", " | ".join(
            "%.0f" % m for m in medians), total, total / base_total))
    lines += ["", "machine: %d cores; load average at the end %s%s" % (
        os.cpu_count(), os.getloadavg(), "; pinned" if PIN else "")]
    text = "\n".join(lines) + "\n"
    print(text)
    results_dir = os.path.join(S.ROOT, "bench", "results")
    os.makedirs(results_dir, exist_ok=True)
    path = os.path.join(results_dir, "warmup-%s.md" % time.strftime("%Y-%m-%d-%H%M"))
    with open(path, "w") as f:
        f.write(text)
    print("warmup: saved %s" % path, file=sys.stderr)


if __name__ == "__main__":
    main()
