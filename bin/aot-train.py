#!/usr/bin/env python3
"""The JDK 25 AOT cache (JEP 483/514/515) of one service, made by a training run at package time.

  bin/aot-train.py MODULE_DIR     (bin/aot-cache runs it; Maven runs bin/aot-cache after quarkus:build)

When a JDK 25+ is found, starts the packaged service under it with
-XX:AOTCacheOutput, sends it the requests it serves in production (V1 and V2 REST, V2 gRPC; for the predictor each
runtime its cache keeps: ONNX, XGBoost and LightGBM, not PMML and the Hugging Face runtime, see PREDICTOR_UNTRAINED),
stops it, and the JVM writes target/quarkus-app/app.aot: the classes it loaded and linked (not the profiles of
the methods it ran: see RECORDING). Launchers add -XX:AOTCache=app.aot when they run a JDK 25+ (README
"Start-up").

Environment: AUGUR_AOT_MODELS (predictor, for experiments: the sample models to train on, comma-separated),
AUGUR_AOT_JAVA (a JDK 25+ java; default: JAVA or java on PATH if 25+, else /usr/lib/jvm/*25*/bin/java),
AUGUR_AOT_SKIP=true (copy the options only). Without a JDK 25 it says so and exits 0: the build still works.
Python 3 standard library and curl (gRPC over h2c) only.
"""
import glob
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPTIONS = os.path.join(ROOT, "src", "main", "jvm", "jvm.options")
ROW = [6.8, 2.8, 4.8, 1.4]
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
ROUNDS = int(os.environ.get("AUGUR_AOT_ROUNDS", "20"))


def say(msg):
    print("aot-cache: " + msg, flush=True)


def java_major(java):
    """The feature version of a java executable, or 0 if it cannot run."""
    try:
        out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True,
                             timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired):
        return 0
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("java.specification.version ="):
            return int(line.split("=")[1].strip().split(".")[0])
    return 0


def find_java25():
    candidates = [os.environ.get("AUGUR_AOT_JAVA"), os.environ.get("JAVA"), shutil.which("java")]
    candidates += sorted(glob.glob("/usr/lib/jvm/*25*/bin/java"), reverse=True)
    for c in candidates:
        if c and java_major(c) >= 25:
            return c
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=30):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


# ---- V2 gRPC by hand (field numbers of src/main/proto/grpc_predict_v2.proto), sent with curl over h2c ----

def varint(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def field(num, payload):
    return varint(num << 3 | 2) + varint(len(payload)) + payload


def model_infer(model, inputs):
    """inputs: [(name, datatype, shape, raw little-endian bytes)] as raw_input_contents."""
    msg = field(1, model.encode())
    for name, dtype, shape, _ in inputs:
        msg += field(5, field(1, name.encode()) + field(2, dtype.encode())
                     + field(3, b"".join(varint(d) for d in shape)))
    for *_, raw in inputs:
        msg += field(7, raw)
    return msg


def grpc(port, method, message, authority=None):
    frame = b"\x00" + struct.pack(">I", len(message)) + message
    cmd = ["curl", "-s", "-o", "/dev/null", "--http2-prior-knowledge", "-H", "content-type: application/grpc",
           "-H", "te: trailers", "--data-binary", "@-", "-m", "30"]
    if authority:
        cmd += ["-H", "host: " + authority]
    subprocess.run(cmd + ["http://127.0.0.1:%d/inference.GRPCInferenceService/%s" % (port, method)],
                   input=frame, check=False)


# ---- processes ----

class Service:
    def __init__(self, name, java, jar, env, cwd, log_dir, extra=()):
        self.name, self.port = name, free_port()
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("QUARKUS_", "AUGUR_", "JAVA_TOOL"))}
        full_env.update(env)
        full_env["QUARKUS_HTTP_PORT"] = str(self.port)
        full_env["QUARKUS_HTTP_HOST"] = "127.0.0.1"
        self.log = open(os.path.join(log_dir, name + ".log"), "wb")
        cmd = [java, "@" + OPTIONS, *extra, "-jar", jar]
        self.proc = subprocess.Popen(cmd, env=full_env, cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT)

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def wait_ready(self, path="/v2/health/ready", timeout=180):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited with %d during start-up (see %s)" % (self.name, self.proc.returncode,
                                                                                  self.log.name))
            if http("GET", self.url(path), timeout=2)[0] == 200:
                return
            time.sleep(0.1)
        raise RuntimeError("%s not ready after %d s (see %s)" % (self.name, timeout, self.log.name))

    def stop(self, timeout=300):
        """SIGTERM; a recording JVM writes its AOT cache on the way out, which takes a while."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def tabular_requests(svc, model, grpc_port=None, authority=None):
    http("POST", svc.url("/v1/models/%s:predict" % model), {"instances": [ROW, ROW]})
    status, meta = http("GET", svc.url("/v2/models/" + model))
    try:
        spec = json.loads(meta)["inputs"][0]
    except (ValueError, KeyError, IndexError):
        spec = {"name": "input-0", "datatype": "FP32"}
    dtype = spec.get("datatype", "FP32")
    http("POST", svc.url("/v2/models/%s/infer" % model),
         {"inputs": [{"name": spec["name"], "shape": [1, 4], "datatype": dtype, "data": ROW}]})
    raw = struct.pack("<4d" if dtype == "FP64" else "<4f", *ROW)
    grpc(grpc_port or svc.port, "ModelInfer", model_infer(model, [(spec["name"], dtype, [1, 4], raw)]), authority)
    grpc(grpc_port or svc.port, "ModelMetadata", field(1, model.encode()), authority)


def common_requests(svc):
    for path in ("/v2/health/live", "/v2/health/ready", "/v2", "/q/health/ready", "/q/metrics"):
        http("GET", svc.url(path))
    grpc(svc.port, "ServerLive", b"")
    grpc(svc.port, "ServerReady", b"")


def predictor_repo(tmp, names):
    """A repository of links to the sample models under the names the training requests use."""
    repo = os.path.join(tmp, "models")
    os.makedirs(repo, exist_ok=True)
    for link, model in names.items():
        os.symlink(os.path.join(ROOT, "models", model), os.path.join(repo, link))
    return repo


# What the predictor's training leaves out, and why (measured: BENCHMARKS.md "Cold start", ninth session). JDK 25
# pre-loads every class of the cache at start whatever the repository serves, and an idle predictor keeps nearly the
# whole cache file resident, so each class in it costs every predictor memory. Left out:
# - PMML (PMML4S and its Scala 2.13 library, ~800 classes): 13 of the cache's 85 MB and of an idle iris predictor's
#   RSS; a PMML repository loads them from their jars instead (+40 to +200 ms CPU to its first answer, of ~2.4 s).
# - The Hugging Face runtime (the tokenizers, Jinjava): 4 MB; a sentence encoder's start (~3.5 s CPU, most of it the
#   90 MB model) showed no cost.
# XGBoost and LightGBM stay (~1 MB; their repositories start no slower with them).
PREDICTOR_UNTRAINED = ["iris-pmml", "all-minilm-l6-v2", "tiny-gpt"]
# No service's cache keeps method profiles (JEP 515): replaying them sends the JIT compiling at start what training ran
# hot, and on 2 cores that competes with start-up itself. Measured (BENCHMARKS.md "Cold start"): the predictor's
# start used ~8 % more CPU with them (and its cache was 5 MB larger); the transformer's C2 thread used 390-420 ms of
# CPU to the first answer without the replay against 510-590 with it, and its start-up CPU fell ~10 %.
RECORDING = ["-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining"]


def train_predictor(java, jar, tmp, extra):
    tabular = ["iris-logreg", "iris-forest", "iris-xgboost", "iris-lightgbm", "iris-pmml"]
    hf = ["all-minilm-l6-v2", "tiny-gpt"]
    only = os.environ.get("AUGUR_AOT_MODELS")   # for experiments: train on these models (untrained ones included)
    tabular, hf = ([m for m in ms if (m in only.split(",") if only else m not in PREDICTOR_UNTRAINED)]
                   for ms in (tabular, hf))
    names = {m: m for m in tabular + hf}
    svc = Service("predictor", java, jar, {"AUGUR_MODEL_REPOSITORY": predictor_repo(tmp, names)}, tmp, tmp, extra)
    try:
        svc.wait_ready()
        for _ in range(ROUNDS):
            common_requests(svc)
            for m in tabular:
                tabular_requests(svc, m)
            if "all-minilm-l6-v2" in hf:
                http("POST", svc.url("/v2/models/all-minilm-l6-v2/infer"),
                     {"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["a warm start"]}]})
            if "tiny-gpt" in hf:
                http("POST", svc.url("/v2/models/tiny-gpt/infer"),
                     {"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["Hi"]}],
                      "parameters": {"max_tokens": 4}})
            http("POST", svc.url("/v2/repository/index"), {})
        # Loading at run time (the warm standby's adoption path) and an error answer.
        http("POST", svc.url("/v2/repository/models/iris-logreg/load"), {})
        http("POST", svc.url("/v2/models/nope/infer"), {"inputs": []})
    finally:
        svc.stop()


def upstream_predictor(java, tmp, name):
    """A plain predictor (not recording) serving iris-logreg as `name`, for the services that call one."""
    jar = os.path.join(ROOT, "predictor", "target", "quarkus-app", "quarkus-run.jar")
    if not os.path.isfile(jar):
        raise RuntimeError("%s is missing: build the predictor first" % jar)
    p = Service("upstream-predictor", java, jar,
                {"AUGUR_MODEL_REPOSITORY": predictor_repo(os.path.join(tmp, "up"), {name: "iris-logreg"})},
                tmp, tmp)
    p.wait_ready()
    return p


def train_transformer(java, jar, tmp, extra):
    up = upstream_predictor(java, tmp, "iris-explained")
    env = {"AUGUR_TRANSFORMER_PIPELINE": "pipelines/iris.yaml", "AUGUR_TRANSFORMER_MODEL_NAME": "iris-explained",
           "AUGUR_TRANSFORMER_PREDICTOR_ADDRESS": "127.0.0.1:%d" % up.port}
    svc = Service("transformer", java, jar, env, os.path.join(ROOT, "examples"), tmp, extra)
    try:
        svc.wait_ready()
        named = dict(zip(FEATURES, ROW))
        v2 = {"inputs": [{"name": f, "shape": [1], "datatype": "FP32", "data": [v]} for f, v in named.items()]}
        raw = [(f, "FP32", [1], struct.pack("<f", v)) for f, v in named.items()]
        for _ in range(ROUNDS):
            common_requests(svc)
            http("POST", svc.url("/v1/models/iris-explained:predict"), {"instances": [named, named]})
            http("POST", svc.url("/v2/models/iris-explained/infer"), v2)
            grpc(svc.port, "ModelInfer", model_infer("iris-explained", raw))
    finally:
        svc.stop()
        up.stop()


def train_explainer(java, jar, tmp, extra):
    up = upstream_predictor(java, tmp, "iris-explained")
    env = {"AUGUR_EXPLAINER_PREDICTOR": "127.0.0.1:%d" % up.port, "AUGUR_EXPLAINER_METHOD": "kernel-shap",
           "AUGUR_EXPLAINER_BACKGROUND": "../models/iris-logreg/reference.json",
           "AUGUR_EXPLAINER_FEATURE_NAMES": ",".join(FEATURES)}
    svc = Service("explainer", java, jar, env, os.path.join(ROOT, "examples"), tmp, extra)
    try:
        svc.wait_ready()
        for _ in range(max(3, ROUNDS // 4)):
            common_requests(svc)
            http("POST", svc.url("/v1/models/iris-explained:explain"), {"instances": [ROW]})
            http("POST", svc.url("/v2/models/iris-explained/explain"),
                 {"inputs": [{"name": "float_input", "shape": [1, 4], "datatype": "FP32", "data": ROW}]})
    finally:
        svc.stop()
        up.stop()


def train_gateway(java, jar, tmp, extra):
    up = upstream_predictor(java, tmp, "iris")
    services = os.path.join(tmp, "services")
    os.makedirs(services)
    with open(os.path.join(services, "iris.yaml"), "w") as f:
        f.write("apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: iris\n"
                "  annotations:\n    local.augur.dev/predictor-address: 127.0.0.1:%d\n"
                "spec:\n  predictor:\n    model:\n      modelFormat:\n        name: onnx\n"
                "      storageUri: file://%s\n" % (up.port, os.path.join(ROOT, "models", "iris-logreg")))
    env = {"AUGUR_SERVICES_DIR": services, "AUGUR_LOCAL_RUN_DIR": os.path.join(tmp, "run"),
           "AUGUR_KAFKA_ENABLED": "false"}
    svc = Service("gateway", java, jar, env, tmp, tmp, extra)
    try:
        svc.wait_ready()
        for _ in range(ROUNDS):
            common_requests(svc)
            http("GET", svc.url("/augur/services"))
            tabular_requests(svc, "iris")
            grpc(svc.port, "ModelInfer", model_infer("iris", [("float_input", "FP32", [1, 4],
                                                               struct.pack("<4f", *ROW))]))
            http("POST", svc.url("/v1/models/nope:predict"), {"instances": [ROW]})
    finally:
        svc.stop()
        up.stop()


TRAININGS = {"predictor": train_predictor, "transformer": train_transformer, "explainer": train_explainer,
             "gateway": train_gateway}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    module_dir = os.path.abspath(sys.argv[1])
    module = os.path.basename(module_dir)
    app = os.path.join(module_dir, "target", "quarkus-app")
    jar = os.path.join(app, "quarkus-run.jar")
    if not os.path.isfile(jar):
        sys.exit("aot-cache: %s does not exist: run quarkus:build first" % jar)
    cache = os.path.join(app, "app.aot")
    if os.environ.get("AUGUR_AOT_SKIP", "false") == "true" or module not in TRAININGS:
        say("%s: no AOT cache made (%s)" % (module, "skipped" if module in TRAININGS else "no training run for it"))
        return
    java = find_java25()
    if java is None:
        say("%s: no JDK 25 or newer found (set AUGUR_AOT_JAVA or JAVA); %s not made. The services still run on "
            "JDK 17, without the AOT cache (start-up about 3x slower)." % (module, os.path.relpath(cache, ROOT)))
        return
    for stale in (cache, cache + ".config"):
        if os.path.exists(stale):
            os.remove(stale)
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="augur-aot-") as tmp:
        try:
            TRAININGS[module](java, jar, tmp, [*RECORDING, "-XX:AOTCacheOutput=" + cache])
        except Exception as e:   # the build must not fail for a missing cache: report it and go on
            logs = "".join(open(p, errors="replace").read()[-2000:] for p in glob.glob(os.path.join(tmp, "*.log")))
            say("%s: training run failed (%s); no AOT cache.\n%s" % (module, e, logs))
            if os.path.exists(cache):
                os.remove(cache)
            return
    if os.path.isfile(cache):
        say("%s: %s (%d MB) made with %s in %.0f s" % (module, os.path.relpath(cache, ROOT),
                                                       os.path.getsize(cache) // 1048576, java, time.time() - started))
    else:
        say("%s: the training run ended but wrote no %s" % (module, cache))


if __name__ == "__main__":
    main()
