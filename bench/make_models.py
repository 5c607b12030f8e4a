#!/usr/bin/python3
"""Write the model repository for bench/batching.sh: one ONNX MLP, twice.

  /usr/bin/python3 bench/make_models.py REPO_DIR [--max-batch-size 32] [--max-latency-ms 2]

REPO_DIR gets
  mlp/1/model.onnx            no config: served one request per runtime call
  mlp-batched/1/model.onnx    the very same bytes
  mlp-batched/config.yaml     max_batch_size: 32, max_latency_ms: 2 unless given (see bench/README.md)

The network: x FP32 [-1, 64] -> Gemm 64x1024 -> Relu -> Gemm 1024x1024 -> Relu
-> Gemm 1024x10 -> y FP32 [-1, 10], weights from numpy's default_rng(0)
(He-scaled normals, so activations stay O(1)), ir_version 8, opset 15.
About 1.1 M parameters (4.5 MB of FP32): for one row each call is a GEMV that
reads every weight once, so its cost is memory traffic, and a batch of 32 rows
reads the weights once for all of them.

The graph is checked with onnx.checker, and a numpy forward pass gives the
reference. Prints one JSON line on stdout:
  {"input": [64 floats], "expected": [10 floats], "check": [{"input": ..., "expected": ...} x 8]}
"input"/"expected" is the fixed row the benchmark sends (and checks first);
"check" holds 8 different rows, sent at once to the batched model to check
that a merged batch is split back to the right callers. All inputs are
multiples of 1/8, exact in FP32 and in JSON.
Needs Debian's python3-onnx and python3-numpy (run with /usr/bin/python3).
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

IR_VERSION = 8
OPSET = 15
LAYERS = [64, 1024, 1024, 10]   # input, hidden, hidden, output
MAX_BATCH_SIZE = 32
MAX_LATENCY_MS = 2
CHECK_ROWS = 8


def weights():
    rng = np.random.default_rng(0)
    params = []
    for fan_in, fan_out in zip(LAYERS, LAYERS[1:]):
        w = (rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)).astype(np.float32)
        b = (rng.standard_normal(fan_out) * 0.01).astype(np.float32)
        params.append((w, b))
    return params


def build(params):
    nodes, inits = [], []
    prev = "x"
    last = len(params) - 1
    for i, (w, b) in enumerate(params):
        inits += [numpy_helper.from_array(w, "W%d" % i), numpy_helper.from_array(b, "B%d" % i)]
        out = "y" if i == last else "h%d" % i
        gemm_out = out if i == last else "g%d" % i
        nodes.append(helper.make_node("Gemm", [prev, "W%d" % i, "B%d" % i], [gemm_out], name="gemm%d" % i))
        if i != last:
            nodes.append(helper.make_node("Relu", [gemm_out], [out], name="relu%d" % i))
        prev = out
    graph = helper.make_graph(
        nodes, "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, LAYERS[0]])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, LAYERS[-1]])],
        initializer=inits)
    model = helper.make_model(graph, producer_name="augur-bench",
                              opset_imports=[helper.make_opsetid("", OPSET)],
                              doc_string="MLP 64-1024-1024-10 for bench/batching.sh")
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model, full_check=True)   # full_check also runs shape inference
    return model


def forward(params, x):
    h = x.astype(np.float32)
    for i, (w, b) in enumerate(params):
        h = h @ w + b
        if i != len(params) - 1:
            h = np.maximum(h, 0)
    return h


def main():
    ap = argparse.ArgumentParser(description="Write the MLP model repository for bench/batching.sh.")
    ap.add_argument("repo", help="folder to write the model repository into")
    ap.add_argument("--max-batch-size", type=int, default=MAX_BATCH_SIZE)
    ap.add_argument("--max-latency-ms", type=int, default=MAX_LATENCY_MS)
    args = ap.parse_args()
    repo = args.repo
    params = weights()
    model = build(params)
    data = model.SerializeToString()
    for name in ("mlp", "mlp-batched"):
        os.makedirs(os.path.join(repo, name, "1"), exist_ok=True)
        with open(os.path.join(repo, name, "1", "model.onnx"), "wb") as f:
            f.write(data)
    with open(os.path.join(repo, "mlp-batched", "config.yaml"), "w") as f:
        f.write("# bench/batching.sh: same network as ../mlp, with dynamic batching\n")
        f.write("max_batch_size: %d\nmax_latency_ms: %d\n" % (args.max_batch_size, args.max_latency_ms))

    # The fixed row: exactly representable in FP32 and in JSON (multiples of 1/8).
    row = ((np.arange(LAYERS[0]) % 17) - 8).astype(np.float32) / 8
    expected = forward(params, row[None, :])[0]
    # Batched rows must come back independently: the forward pass of a batch
    # containing the row gives the same row answer (a sanity check of forward()).
    others = (np.round(np.random.default_rng(1).standard_normal((CHECK_ROWS, LAYERS[0])) * 8) / 8).astype(np.float32)
    batch = np.vstack([others, row[None, :]])
    out = forward(params, batch)
    assert np.allclose(out[-1], expected, atol=1e-4)
    print(json.dumps({
        "input": row.tolist(), "expected": expected.tolist(),
        "check": [{"input": x.tolist(), "expected": y.tolist()} for x, y in zip(others, out)],
    }))
    print("make_models: wrote %s (mlp, mlp-batched; %d parameters, %.1f MB each)"
          % (repo, sum(w.size + b.size for w, b in params), len(data) / 1e6), file=sys.stderr)


if __name__ == "__main__":
    main()
