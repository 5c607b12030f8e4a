#!/usr/bin/env python3
"""Cold start, scale from zero, crash recovery and memory of the services: see bench/startup.sh (the one command)."""
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(os.environ.get("STARTUP_RUNS", "10"))
JAVA17 = os.environ.get("JAVA17", "java")
JAVA25 = os.environ.get("JAVA25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
BASE = os.environ.get("STARTUP_BASELINE")   # folder with the old quarkus-app of each service: BASE/predictor/...
IDLE_WAIT = float(os.environ.get("STARTUP_IDLE_SECONDS", "10"))
ROW = [6.8, 2.8, 4.8, 1.4]
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
# The old supervisor's component options (augur.local.jvm-options before this change).
TODAY_OPTS = ["-XX:+UseSerialGC", "-Xmx512m"]


def app(service, old=False):
    return os.path.join(BASE, service) if old else os.path.join(ROOT, service, "target", "quarkus-app")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url, body, timeout=30):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except OSError:
        return 0, ""


def get(url, timeout=5):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except OSError:
        return 0, ""


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_ms(pid):
    """CPU time (user + sys) the process has used so far, in ms: far less sensitive than wall time to other load."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def extra_options(name):
    """Options of a named variant suffix, from STARTUP_EXTRA_OPTS="name=-XX:Opt -XX:Other;name2=...": a variant
    `new-jdk25-aot@name` runs as new-jdk25-aot with these options appended (later options win)."""
    for item in os.environ.get("STARTUP_EXTRA_OPTS", "").split(";"):
        key, _, opts = item.partition("=")
        if key.strip() == name:
            return opts.split()
    raise SystemExit("startup: variant suffix @%s has no options in STARTUP_EXTRA_OPTS" % name)


def command(variant, service):
    """java and options of a variant: today (old jar, JDK 17, the old options), new on JDK 17, new on JDK 25; and
    base-jdk25-aot, the baseline folder run as new-jdk25-aot runs (for a baseline that has jvm.options and app.aot,
    e.g. main's build against a branch's). A suffix @name appends STARTUP_EXTRA_OPTS' options for name."""
    if "@" in variant:
        base, _, name = variant.partition("@")
        cmd = command(base, service)
        return cmd[:-2] + extra_options(name) + cmd[-2:]
    if variant == "today-jdk17":
        return [JAVA17, *TODAY_OPTS, "-jar", os.path.join(app(service, True), "quarkus-run.jar")]
    d = app(service, variant.startswith("base-"))
    java = JAVA17 if variant == "new-jdk17" else JAVA25
    aot = ["-XX:AOTCache=" + os.path.join(d, "app.aot")] if variant.endswith("-jdk25-aot") else []
    return [java, "@" + os.path.join(d, "jvm.options"), *aot, "-jar", os.path.join(d, "quarkus-run.jar")]


def spawn(cmd, env, cwd, log):
    full = {k: v for k, v in os.environ.items() if not k.startswith(("QUARKUS_", "AUGUR_"))}
    full.update(env)
    return subprocess.Popen(cmd, env=full, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)


def stop(p):
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def repo(tmp, name):
    d = os.path.join(tmp, "repo-" + name)
    if not os.path.isdir(d):
        os.makedirs(d)
        os.symlink(os.path.join(ROOT, "models", "iris-logreg"), os.path.join(d, name))
    return d


# ---- what counts as the first correct answer of each service (None: nothing listens on the port yet) ----

def answered(status, good):
    return None if status == 0 else good


def predictor_ok(port):
    status, body = post("http://127.0.0.1:%d/v2/models/iris/infer" % port,
                        {"inputs": [{"name": "float_input", "shape": [1, 4], "datatype": "FP32", "data": ROW}]})
    return answered(status, status == 200 and '"name":"label","datatype":"INT64","shape":[1],"data":[1]' in body)


def transformer_ok(port):
    status, body = post("http://127.0.0.1:%d/v2/models/iris-explained/infer" % port,
                        {"inputs": [{"name": f, "shape": [1], "datatype": "FP32", "data": [v]}
                                    for f, v in zip(FEATURES, ROW)], "outputs": [{"name": "species"}]})
    return answered(status, status == 200 and "versicolor" in body)


def explainer_ok(port):
    status, body = post("http://127.0.0.1:%d/v1/models/iris-explained:explain" % port, {"instances": [ROW]},
                        timeout=120)
    return answered(status, status == 200 and "shap_values" in body)


def service_setup(service, tmp, upstream):
    """(port, env, cwd, ok) to start `service` on a free port: its settings, its folder, its first-answer check."""
    port = free_port()
    env = {"QUARKUS_HTTP_PORT": str(port), "QUARKUS_HTTP_HOST": "127.0.0.1"}
    if service == "predictor":
        env["AUGUR_MODEL_REPOSITORY"] = repo(tmp, "iris")
        return port, env, tmp, predictor_ok
    if service == "transformer":
        env.update({"AUGUR_TRANSFORMER_PIPELINE": "pipelines/iris.yaml",
                    "AUGUR_TRANSFORMER_MODEL_NAME": "iris-explained",
                    "AUGUR_TRANSFORMER_PREDICTOR_ADDRESS": "127.0.0.1:%d" % upstream})
        return port, env, os.path.join(ROOT, "examples"), transformer_ok
    env.update({"AUGUR_EXPLAINER_PREDICTOR": "127.0.0.1:%d" % upstream,
                "AUGUR_EXPLAINER_METHOD": "kernel-shap",
                "AUGUR_EXPLAINER_BACKGROUND": "../models/iris-logreg/reference.json",
                "AUGUR_EXPLAINER_FEATURE_NAMES": ",".join(FEATURES)})
    return port, env, os.path.join(ROOT, "examples"), explainer_ok


def first_answer(variant, service, tmp, upstream):
    """ms from process start to the first correct answer, CPU ms it used until then, RSS (KB) after idling, and ms
    to the port's first answer of any kind (the request sent when the port first answered: the port opened at most
    one poll before)."""
    port, env, cwd, ok = service_setup(service, tmp, upstream)
    with open(os.path.join(tmp, "%s-%s.log" % (service, variant)), "ab") as log:
        t0 = time.monotonic()
        p = spawn(command(variant, service), env, cwd, log)
        opened = None
        try:
            while True:
                sent = time.monotonic()
                result = ok(port)
                if result is not None and opened is None:
                    opened = (sent - t0) * 1000
                if result:
                    break
                if p.poll() is not None or time.monotonic() - t0 > 120:
                    raise RuntimeError("%s %s did not answer (log %s)" % (service, variant, log.name))
                time.sleep(0.005)
            ms = (time.monotonic() - t0) * 1000
            cpu = cpu_ms(p.pid)
            time.sleep(IDLE_WAIT)
            return ms, cpu, rss_kb(p.pid), opened
        finally:
            stop(p)


def load_rss(variant, service, tmp, upstream, seconds=10):
    """Peak RSS (KB) while 4 threads send requests for `seconds`."""
    import threading
    port, env, cwd, ok = service_setup(service, tmp, upstream)
    with open(os.path.join(tmp, "load-%s-%s.log" % (service, variant)), "ab") as log:
        p = spawn(command(variant, service), env, cwd, log)
        try:
            deadline = time.monotonic() + 120
            while not ok(port) and time.monotonic() < deadline:
                time.sleep(0.05)
            end = time.monotonic() + seconds
            peak = [0]

            def worker():
                while time.monotonic() < end:
                    ok(port)
            threads = [threading.Thread(target=worker) for _ in range(4)]
            for t in threads:
                t.start()
            while time.monotonic() < end:
                peak[0] = max(peak[0], rss_kb(p.pid))
                time.sleep(0.2)
            for t in threads:
                t.join()
            return peak[0]
        finally:
            stop(p)


# ---- the gateway's local supervisor: scale from zero and a killed predictor ----

def gateway(variant, tmp, standby, min_replicas):
    services = os.path.join(tmp, "services-%s-%d-%d" % (variant, standby, min_replicas))
    os.makedirs(services, exist_ok=True)
    with open(os.path.join(services, "cold.yaml"), "w") as f:
        f.write("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: cold\nspec:\n"
                "  predictor:\n    minReplicas: %d\n    model:\n      modelFormat:\n        name: onnx\n"
                "      storageUri: file://%s\n" % (min_replicas, os.path.join(ROOT, "models", "iris-logreg")))
    port = free_port()
    old = variant == "today-jdk17"
    env = {"QUARKUS_HTTP_PORT": str(port), "AUGUR_SERVICES_DIR": services, "AUGUR_KAFKA_ENABLED": "false",
           "AUGUR_LOCAL_RUN_DIR": os.path.join(services, "run"), "AUGUR_SCALE_TO_ZERO_IDLE": "1s",
           "AUGUR_LOCAL_PREDICTOR_JAR": os.path.join(app("predictor", old), "quarkus-run.jar"),
           "AUGUR_LOCAL_JAVA": JAVA17 if variant != "new-jdk25-aot" else JAVA25,
           "AUGUR_GATEWAY_ACCESS_LOG": "false"}
    if not old:
        env["AUGUR_LOCAL_STANDBY"] = str(standby)
        # Each kill below is a single crash of a predictor that had been ready for a while (a crash loop would rightly
        # grow the back-off): "a while" is 3 s here instead of 60 s, so that 10 kills take a minute, not ten.
        env["AUGUR_LOCAL_RESTART_RESET"] = "3s"
    log = open(os.path.join(tmp, "gateway-%s-%d-%d.log" % (variant, standby, min_replicas)), "ab")
    p = spawn(command(variant, "gateway"), env, tmp, log)
    deadline = time.monotonic() + 120
    while get("http://127.0.0.1:%d/v2/health/ready" % port)[0] != 200:
        if p.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("gateway %s did not start (log %s)" % (variant, log.name))
        time.sleep(0.1)
    return p, port


def revision(port):
    status, body = get("http://127.0.0.1:%d/augur/services" % port)
    if status != 200:
        return {}
    for s in json.loads(body)["services"]:
        if s["name"] == "cold" and s["revisions"]:
            return s["revisions"][0]
    return {}


def gateway_ok(port):
    status, body = post("http://127.0.0.1:%d/v1/models/cold:predict" % port, {"instances": [ROW]}, timeout=60)
    return status == 200 and body.replace(" ", "") == '{"predictions":[1]}'


def wait_for(cond, timeout, what):
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise RuntimeError("timed out waiting for " + what)
        time.sleep(0.05)


def scale_from_zero(variant, tmp, standby):
    p, port = gateway(variant, tmp, standby, 0)
    out = []
    try:
        gateway_ok(port)
        for _ in range(RUNS):
            wait_for(lambda: revision(port).get("state") == "STOPPED", 60, "scale to zero")
            if standby:   # the replacement standby must be ready again: what a user sees after a quiet minute
                time.sleep(8)
            t0 = time.monotonic()
            if not gateway_ok(port):
                raise RuntimeError("scale-from-zero request failed")
            out.append((time.monotonic() - t0) * 1000)
    finally:
        stop(p)
    return out


def crash_recovery(variant, tmp, standby):
    p, port = gateway(variant, tmp, standby, 1)
    out = []
    try:
        wait_for(lambda: gateway_ok(port), 120, "first answer")
        for _ in range(RUNS):
            if standby:
                time.sleep(8)
            pid = revision(port)["pid"]
            t0 = time.monotonic()
            os.kill(pid, signal.SIGKILL)
            wait_for(lambda: revision(port).get("pid") != pid and gateway_ok(port), 120, "recovery")
            out.append((time.monotonic() - t0) * 1000)
            time.sleep(4)   # ready longer than restart-reset: the next kill is a first failure again
    finally:
        stop(p)
    return out


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    if not BASE or not os.path.isdir(BASE):
        sys.exit("startup: set STARTUP_BASELINE to a folder holding the old build's quarkus-app folders "
                 "(predictor/, gateway/, transformer/, explainer/); see bench/startup.sh")
    variants = os.environ.get("STARTUP_VARIANTS", "today-jdk17,new-jdk17,new-jdk25-aot").split(",")
    parts = os.environ.get("STARTUP_PARTS", "start,rss,gateway").split(",")
    tmp = tempfile.mkdtemp(prefix="augur-startup-")
    print("# Start-up benchmark, %s; %d runs per figure (medians); logs in %s\n" % (time.strftime("%F %T"), RUNS, tmp))
    up_port = free_port()
    upstream = spawn(command("new-jdk25-aot", "predictor"),
                     {"QUARKUS_HTTP_PORT": str(up_port), "AUGUR_MODEL_REPOSITORY": repo(tmp, "iris-explained")},
                     tmp, open(os.path.join(tmp, "upstream.log"), "ab"))
    try:
        wait_for(lambda: get("http://127.0.0.1:%d/v2/health/ready" % up_port)[0] == 200, 120, "upstream predictor")
        if "start" in parts:
            print("| service | variant | median ms to first correct answer | median CPU ms (user+sys) until then "
                  "| idle RSS MB (median) | median ms to port open | runs ms |")
            print("|---|---|---:|---:|---:|---:|---|")
            for service in ("predictor", "transformer", "explainer"):
                times = {v: [] for v in variants}
                cpus = {v: [] for v in variants}
                rss = {v: [] for v in variants}
                opens = {v: [] for v in variants}
                for _ in range(RUNS):   # interleaved: machine noise hits every variant alike
                    for v in variants:
                        ms, cpu, kb, opened = first_answer(v, service, tmp, up_port)
                        opens[v].append(opened)
                        times[v].append(ms)
                        cpus[v].append(cpu)
                        rss[v].append(kb / 1024)
                for v in variants:
                    print("| %s | %s | %.0f | %.0f | %.0f | %.0f | %s |" % (service, v, med(times[v]), med(cpus[v]),
                                                                         med(rss[v]), med(opens[v]),
                                                                         " ".join("%.0f" % t for t in times[v])),
                          flush=True)
        if "rss" in parts:
            print("\n| service | variant | peak RSS MB under load (4 clients, 10 s) |")
            print("|---|---|---:|")
            for service in ("predictor", "transformer", "explainer"):
                for v in ("today-jdk17", "new-jdk25-aot"):
                    print("| %s | %s | %.0f |" % (service, v, load_rss(v, service, tmp, up_port) / 1024), flush=True)
        if "gateway" in parts:
            print("\n| local supervisor | variant | median ms | runs ms |")
            print("|---|---|---:|---|")
            tests = [("scale from zero: request answered", scale_from_zero),
                     ("killed predictor: serving again", crash_recovery)]
            wanted = os.environ.get("STARTUP_GATEWAY_TESTS", "scale,crash")
            for label, fn in [t for t in tests if t[0].split(":")[0].split()[0] in
                              [w.replace("crash", "killed").replace("scale", "scale") for w in wanted.split(",")]]:
                variants_gw = os.environ.get("STARTUP_GATEWAY_VARIANTS", "today-jdk17:0,new-jdk25-aot:0,new-jdk25-aot:1")
                for v, standby in [(x.split(":")[0], int(x.split(":")[1])) for x in variants_gw.split(",")]:
                    xs = fn(v, tmp, standby)
                    print("| %s | %s%s | %.0f | %s |" % (label, v, " + standby" if standby else "", med(xs),
                                                         " ".join("%.0f" % x for x in xs)), flush=True)
    finally:
        stop(upstream)
    print("\nmachine: %d cores, %s; load average at the end %s" % (
        os.cpu_count(), subprocess.run("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2", shell=True,
                                       capture_output=True, text=True).stdout.strip(),
        open("/proc/loadavg").read().split()[0:3]))


if __name__ == "__main__":
    main()
