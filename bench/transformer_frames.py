#!/usr/bin/python3
"""gRPC frames and checks for bench/transformer.sh (standard library + python3-grpcio; protobuf by hand).

  transformer_frames.py write DIR                 iris_direct.grpc (predictor: one [1,4] tensor),
                                                  iris_named.grpc (transformer: four named [1] inputs),
                                                  minilm_1.grpc / minilm_32.grpc (transformer: text BYTES [N])
  transformer_frames.py verify PREDICTOR IRIS_T MINILM_T   each answers OK with the right content
"""
import struct
import sys

from grpc_frames import field_len, grpc_frame, varint, label_from_response, parse

ROW = (6.8, 2.8, 4.8, 1.4)
FIELDS = ("sepal_length", "sepal_width", "petal_length", "petal_width")
SENTENCES = [
    "The quick brown fox jumps over the lazy dog near the river bank.",
    "Augur serves KServe's protocols over REST and gRPC on one port.",
    "Sentence embeddings map text to vectors for semantic search.",
    "A transformer tokenises text before the model and pools after it.",
]


def tensor(name, datatype, shape):
    return field_len(1, name.encode()) + field_len(2, datatype.encode()) + field_len(
        3, b"".join(varint(d) for d in shape))


def request(model, inputs):
    """inputs: [(name, datatype, shape, raw bytes)] -> ModelInferRequest with raw_input_contents."""
    body = field_len(1, model.encode())
    for name, dt, shape, _ in inputs:
        body += field_len(5, tensor(name, dt, shape))
    for *_, raw in inputs:
        body += field_len(7, raw)
    return body


def iris_direct():
    return request("iris-logreg", [("float_input", "FP32", [1, 4], struct.pack("<4f", *ROW))])


def iris_named():
    return request("iris", [(f, "FP32", [1], struct.pack("<f", v)) for f, v in zip(FIELDS, ROW)])


def minilm(n):
    texts = [SENTENCES[i % len(SENTENCES)].encode() for i in range(n)]
    raw = b"".join(struct.pack("<I", len(t)) + t for t in texts)
    return request("minilm", [("text", "BYTES", [n], raw)])


def write(directory):
    for name, msg in (("iris_direct", iris_direct()), ("iris_named", iris_named()), ("minilm_1", minilm(1)),
                      ("minilm_32", minilm(32))):
        with open("%s/%s.grpc" % (directory, name), "wb") as f:
            f.write(grpc_frame(msg))


def call(target, message):
    import grpc
    with grpc.insecure_channel(target) as channel:
        infer = channel.unary_unary("/inference.GRPCInferenceService/ModelInfer",
                                    request_serializer=lambda b: b, response_deserializer=lambda b: b)
        try:
            return infer(message, timeout=30)
        except grpc.RpcError as e:
            sys.exit("gRPC verify FAILED at %s: %s %s" % (target, e.code(), e.details()))


def verify(predictor, iris_t, minilm_t):
    for target, msg in ((predictor, iris_direct()), (iris_t, iris_named())):
        label = label_from_response(call(target, msg))
        if label != 1:
            sys.exit("gRPC verify FAILED at %s: label %r, want 1" % (target, label))
    resp = call(minilm_t, minilm(32))
    top = parse(resp)
    outputs = [parse(v) for n, _, v in top if n == 5]
    raws = [v for n, _, v in top if n == 6]
    names = [[v for n, _, v in o if n == 1][0] for o in outputs]
    if names != [b"embedding"]:
        sys.exit("gRPC verify FAILED: minilm outputs %r" % names)
    if raws:
        values = struct.unpack("<%df" % (len(raws[0]) // 4), raws[0])
    else:
        contents = [parse(v) for n, _, v in outputs[0] if n == 5][0]
        packed = [v for n, _, v in contents if n == 6][0]   # fp32_contents
        values = struct.unpack("<%df" % (len(packed) // 4), packed)
    if len(values) != 32 * 384:
        sys.exit("gRPC verify FAILED: %d embedding values, want %d" % (len(values), 32 * 384))
    norm = sum(v * v for v in values[:384]) ** 0.5
    if abs(norm - 1) > 1e-4:
        sys.exit("gRPC verify FAILED: embedding norm %f" % norm)
    print("gRPC ok: iris label 1 direct and through the transformer; MiniLM 32 x 384 unit vectors")


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    elif sys.argv[1] == "verify":
        verify(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
