"""A small Open Inference Protocol (V2) REST server, standard library only, for Augur's container tests.

It stands for a KServe custom container written by someone else, in another language:

  transformer (KServe passes --model_name, --predictor_host, --http_port): takes input "features_mm", iris
      measurements in millimetres, FP32 [N,4]; preprocessing turns them into centimetres as "float_input", the
      predictor's input; the predictor's answer is passed back with only its "label" output (postprocessing).
  predictor (--role predictor): takes any numeric input [N,K]; preprocessing turns centimetres into millimetres (x10)
      and the prediction is each row's sum, output "sum_mm" FP64 [N].

  V1 (KServe's default protocol): POST /v1/models/<name>:predict with {"instances": [rows]} answers the predictor
      role's sums as {"predictions": [...]}.

GET /, /v2/health/live and /v2/health/ready answer 200; errors are {"error": "..."} with 400 or 502.
"""
import argparse
import http.client
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--role", default=os.environ.get("ROLE", "transformer"))
    p.add_argument("--model_name", default=os.environ.get("MODEL_NAME", "model"))
    p.add_argument("--predictor_host", default=None)
    p.add_argument("--http_port", type=int, default=int(os.environ.get("PORT", "8080")))
    p.add_argument("--workers", default=None)
    return p.parse_args()


ARGS = parse_args()


class Invalid(Exception):
    pass


def rows(tensor):
    """The tensor's data as a list of rows, from V2's flat or nested form and its shape."""
    data = tensor.get("data")
    shape = tensor.get("shape")
    if not isinstance(data, list) or not isinstance(shape, list) or len(shape) != 2:
        raise Invalid("input '%s' must have shape [N,K] and data" % tensor.get("name"))
    flat = []

    def walk(v):
        if isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            flat.append(float(v))
        else:
            raise Invalid("input '%s' has a non-numeric element %r" % (tensor.get("name"), v))

    walk(data)
    n, k = shape
    if n * k != len(flat):
        raise Invalid("input '%s' has %d elements for shape %s" % (tensor.get("name"), len(flat), shape))
    return [flat[i * k:(i + 1) * k] for i in range(n)]


def transform(body):
    inputs = {t.get("name"): t for t in body.get("inputs", [])}
    if "features_mm" not in inputs:
        raise Invalid("expected input 'features_mm' (iris measurements in mm, FP32 [N,4])")
    cm = [[v / 10.0 for v in row] for row in rows(inputs["features_mm"])]
    request = {"inputs": [{"name": "float_input", "datatype": "FP32", "shape": [len(cm), 4],
                           "data": [v for row in cm for v in row]}]}
    host, _, port = ARGS.predictor_host.partition(":")
    conn = http.client.HTTPConnection(host, int(port or 80), timeout=30)
    try:
        # The Host header is the predictor host, as KServe's transformers send it; the gateway routes by it.
        conn.request("POST", "/v2/models/%s/infer" % ARGS.model_name, json.dumps(request),
                     {"Content-Type": "application/json"})
        answer = conn.getresponse()
        payload = answer.read()
    finally:
        conn.close()
    if answer.status != 200:
        raise Upstream(answer.status, payload.decode("utf-8", "replace"))
    predicted = json.loads(payload)
    labels = [o for o in predicted.get("outputs", []) if o.get("name") == "label"]
    return {"model_name": ARGS.model_name, "id": body.get("id", ""), "outputs": labels}


class Upstream(Exception):
    def __init__(self, status, text):
        super().__init__("predictor answered %d: %s" % (status, text))


def predict(body):
    if not body.get("inputs"):
        raise Invalid("expected one input")
    mm = [[v * 10.0 for v in row] for row in rows(body["inputs"][0])]
    sums = [sum(row) for row in mm]
    return {"model_name": ARGS.model_name, "id": body.get("id", ""),
            "outputs": [{"name": "sum_mm", "datatype": "FP64", "shape": [len(sums)], "data": sums}]}


def predict_v1(body):
    """KServe's V1: {"instances": [rows]} in, {"predictions": [row sums in mm]} out (the predictor role's model)."""
    instances = body.get("instances")
    if not isinstance(instances, list) or not instances:
        raise Invalid("expected {\"instances\": [rows]}")
    shape = [len(instances), len(instances[0]) if isinstance(instances[0], list) else 0]
    mm = [[v * 10.0 for v in row] for row in rows({"name": "instances", "shape": shape, "data": instances})]
    return {"predictions": [sum(row) for row in mm]}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes: without TCP_NODELAY, Nagle and delayed ACKs hold the body ~40 ms.
    disable_nagle_algorithm = True

    def do_GET(self):
        if self.path == "/":
            self.answer(200, {"status": "alive"})
        elif self.path in ("/v2/health/live", "/v2/health/ready"):
            self.answer(200, {"live": True} if self.path.endswith("live") else {"ready": True})
        else:
            self.answer(404, {"error": "no route %s" % self.path})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        v1 = self.path.startswith("/v1/models/") and self.path.endswith(":predict")
        if not v1 and not (self.path.startswith("/v2/models/") and self.path.endswith("/infer")):
            self.answer(404, {"error": "no route %s" % self.path})
            return
        try:
            body = json.loads(raw)
            if v1:
                self.answer(200, predict_v1(body))
            else:
                self.answer(200, transform(body) if ARGS.role == "transformer" else predict(body))
        except (Invalid, ValueError) as e:
            self.answer(400, {"error": str(e)})
        except Upstream as e:
            self.answer(502, {"error": str(e)})

    def answer(self, status, doc):
        out = json.dumps(doc).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.command, fmt % args))


def main():
    server = ThreadingHTTPServer(("0.0.0.0", ARGS.http_port), Handler)
    # PID 1 in a container ignores SIGTERM unless it handles it: stop serving, as Kubernetes expects.
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print("serving %s as %s on %d" % (ARGS.model_name, ARGS.role, ARGS.http_port), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
