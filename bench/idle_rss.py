#!/usr/bin/env python3
"""Idle memory of every service, and what JVM options cost in it. One command, from the repo root, after
`mvn package -DskipTests` (which writes jvm.options and the AOT caches beside each jar):

  bench/idle_rss.py

Starts each service the way ./augur and the supervisor do (JDK 25, `@jvm.options -XX:AOTCache=app.aot`), waits for
its first correct answer (predictor: iris V2, class 1; transformer: iris-explained with named fields, versicolor;
explainer: KernelSHAP; gateway: iris V2 routed to an external predictor), then idles and reads VmRSS. Also reports
wall and CPU (user+sys) ms from process start to that answer. Runs are interleaved across option variants; medians.

Settings (environment):
  IDLE_RSS_SERVICES  [predictor,transformer,explainer,gateway]
  IDLE_RSS_VARIANTS  extra JVM options per variant, `label=options;label=options` (after @jvm.options, so they
                     win; `-XX:AOTCache=FILE` replaces the service's own cache; NAME=value sets an environment
                     variable of the process, e.g. MALLOC_ARENA_MAX=8)                  [shipped=]
  IDLE_RSS_MODEL     the sample model (models/NAME) the predictor serves as `iris`; other than iris-logreg, the
                     first answer is a V1 predict (V2 text for all-minilm-l6-v2, tiny-gpt) answering 200 (for a
                     runtime's start-up cost)                                           [iris-logreg]
  IDLE_RSS_RUNS      starts per service and variant                                     [3]
  IDLE_RSS_IDLE      seconds idle before reading RSS                                    [10]
  JAVA25             [/usr/lib/jvm/temurin-25-jdk-amd64/bin/java]
"""
import os
import re
import shlex
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import startup as S  # noqa: E402  (the helpers of bench/startup.py: spawn, stop, first-answer checks, RSS, CPU)

SERVICES = os.environ.get("IDLE_RSS_SERVICES", "predictor,transformer,explainer,gateway").split(",")
RUNS = int(os.environ.get("IDLE_RSS_RUNS", "3"))
IDLE = float(os.environ.get("IDLE_RSS_IDLE", "10"))
VARIANTS = [v.partition("=")[::2] for v in os.environ.get("IDLE_RSS_VARIANTS", "shipped=").split(";") if v]
MODEL = os.environ.get("IDLE_RSS_MODEL", "iris-logreg")


def rss_parts_mb(pid):
    """VmRSS split into RssAnon (the process's own: heap, metaspace, JIT code, malloc) and RssFile (mapped files: the
    AOT cache, jars, native libraries; page cache shared with every process mapping the same files)."""
    parts = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(("VmRSS:", "RssAnon:", "RssFile:", "RssShmem:")):
                parts[line.split(":")[0]] = int(line.split()[1]) / 1024
    return parts.get("VmRSS", 0), parts.get("RssAnon", 0), parts.get("RssFile", 0) + parts.get("RssShmem", 0)


def private_shared_mb(pid):
    """RSS split by sharing (/proc/PID/smaps_rollup): private pages (this process's alone: its anonymous memory and
    file pages no other process maps now, e.g. the AOT cache of the only predictor running) and shared ones."""
    parts = {}
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            key = line.split(":")[0]
            if key in ("Private_Clean", "Private_Dirty", "Shared_Clean", "Shared_Dirty"):
                parts[key] = int(line.split()[1]) / 1024
    return (parts.get("Private_Clean", 0) + parts.get("Private_Dirty", 0),
            parts.get("Shared_Clean", 0) + parts.get("Shared_Dirty", 0))


def split(extra):
    """A variant's (JVM options, environment variables): NAME=value words are the process's environment."""
    words = shlex.split(extra)
    env = dict(w.split("=", 1) for w in words if re.match(r"^[A-Z_][A-Z0-9_]*=", w))
    return [w for w in words if not re.match(r"^[A-Z_][A-Z0-9_]*=", w)], env


def command(service, extra):
    d = S.app(service)
    options = split(extra)[0]
    aot = [] if any(o.startswith("-XX:AOTCache=") for o in options) else ["-XX:AOTCache=" + os.path.join(d, "app.aot")]
    return [S.JAVA25, "@" + os.path.join(d, "jvm.options"), *options, *aot, "-jar",
            os.path.join(d, "quarkus-run.jar")]


def predictor_model_setup(tmp):
    """A predictor serving models/MODEL as `iris`; its first answer: a V1 predict answering 200."""
    port = S.free_port()
    repo = os.path.join(tmp, "repo-" + MODEL)
    if not os.path.isdir(repo):
        os.makedirs(repo)
        os.symlink(os.path.join(S.ROOT, "models", MODEL), os.path.join(repo, "iris"))

    def ok(p):
        if MODEL in ("all-minilm-l6-v2", "tiny-gpt"):   # the Hugging Face runtime: text in
            status, body = S.post("http://127.0.0.1:%d/v2/models/iris/infer" % p, {"inputs": [
                {"name": "text", "shape": [1], "datatype": "BYTES", "data": ["a warm start"]}],
                "parameters": {"max_tokens": 2}}, timeout=120)
            return status == 200 and '"outputs"' in body
        status, body = S.post("http://127.0.0.1:%d/v1/models/iris:predict" % p, {"instances": [S.ROW]})
        return status == 200 and '"predictions"' in body
    return port, {"QUARKUS_HTTP_PORT": str(port), "QUARKUS_HTTP_HOST": "127.0.0.1",
                  "AUGUR_MODEL_REPOSITORY": repo}, tmp, ok


def gateway_setup(tmp, upstream):
    services = os.path.join(tmp, "gateway-services")
    os.makedirs(services, exist_ok=True)
    with open(os.path.join(services, "iris-explained.yaml"), "w") as f:
        f.write("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: iris-explained\n"
                "  annotations:\n    local.augur.dev/predictor-address: 127.0.0.1:%d\nspec:\n  predictor:\n"
                "    model:\n      modelFormat:\n        name: onnx\n      storageUri: file://%s\n"
                % (upstream, os.path.join(S.ROOT, "models", "iris-logreg")))
    port = S.free_port()
    env = {"QUARKUS_HTTP_PORT": str(port), "QUARKUS_HTTP_HOST": "127.0.0.1", "AUGUR_SERVICES_DIR": services,
           "AUGUR_KAFKA_ENABLED": "false", "AUGUR_LOCAL_RUN_DIR": os.path.join(tmp, "gateway-run"),
           "AUGUR_GATEWAY_ACCESS_LOG": "false"}

    def ok(p):
        status, body = S.post("http://127.0.0.1:%d/v2/models/iris-explained/infer" % p,
                              {"inputs": [{"name": "float_input", "shape": [1, 4], "datatype": "FP32",
                                           "data": S.ROW}]})
        return status == 200 and '"data":[1]' in body.replace(" ", "")
    return port, env, tmp, ok


def one(service, extra, tmp, upstream):
    """(wall ms, CPU ms) to the first correct answer, and (RSS, anonymous, file, private, shared) MB after IDLE
    seconds."""
    if service == "gateway":
        port, env, cwd, ok = gateway_setup(tmp, upstream)
    elif service == "predictor" and MODEL != "iris-logreg":
        port, env, cwd, ok = predictor_model_setup(tmp)
    else:
        port, env, cwd, ok = S.service_setup(service, tmp, upstream)
    with open(os.path.join(tmp, "%s.log" % service), "ab") as log:
        t0 = time.monotonic()
        p = S.spawn(command(service, extra), {**env, **split(extra)[1]}, cwd, log)
        try:
            while not ok(port):
                if p.poll() is not None or time.monotonic() - t0 > 120:
                    raise RuntimeError("%s did not answer (log %s)" % (service, log.name))
                time.sleep(0.005)
            wall = (time.monotonic() - t0) * 1000
            cpu = S.cpu_ms(p.pid)
            time.sleep(IDLE)
            return (wall, cpu, *rss_parts_mb(p.pid), *private_shared_mb(p.pid))
        finally:
            S.stop(p)


def main():
    tmp = tempfile.mkdtemp(prefix="augur-idle-rss-")
    up_port = S.free_port()
    upstream = S.spawn(command("predictor", ""), {"QUARKUS_HTTP_PORT": str(up_port),
                                                  "AUGUR_MODEL_REPOSITORY": S.repo(tmp, "iris-explained")},
                       tmp, open(os.path.join(tmp, "upstream.log"), "ab"))
    print("# Idle RSS, %s; %d starts per row (medians), %.0f s idle; JDK 25 + AOT cache, @jvm.options; predictor "
          "model %s; logs in %s\n" % (time.strftime("%F %T"), RUNS, IDLE, MODEL, tmp))
    print("| service | extra options | idle RSS MB | of it anonymous | of it files | of it private | of it shared "
          "| ms to first answer | CPU ms to first answer | RSS runs |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    try:
        S.wait_for(lambda: S.get("http://127.0.0.1:%d/v2/health/ready" % up_port)[0] == 200, 120, "upstream")
        for service in SERVICES:
            res = {label: [] for label, _ in VARIANTS}
            for _ in range(RUNS):
                for label, extra in VARIANTS:
                    res[label].append(one(service, extra, tmp, up_port))
            for label, extra in VARIANTS:
                rows = res[label]
                med = [statistics.median(r[i] for r in rows) for i in range(7)]
                print("| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s |" % (
                    service, extra or "(none: %s)" % label, med[2], med[3], med[4], med[5], med[6], med[0], med[1],
                    " ".join("%.0f" % r[2] for r in rows)), flush=True)
    finally:
        S.stop(upstream)
    print("\nmachine: %d cores; load average at the end %s" % (os.cpu_count(),
                                                              open("/proc/loadavg").read().split()[0:3]))


if __name__ == "__main__":
    main()
