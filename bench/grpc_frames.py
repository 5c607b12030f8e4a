#!/usr/bin/python3
"""gRPC helpers for bench/run.sh, standard library plus python3-grpcio only.

  grpc_frames.py write DIR         write DIR/model_infer.grpc and DIR/server_live.grpc,
                                   gRPC length-prefixed frames that h2load posts as-is
  grpc_frames.py verify HOST:PORT  send the same ModelInfer message through grpcio and
                                   exit non-zero unless it returns OK with label 1

The protobuf is encoded by hand from the wire format (field numbers from
src/main/proto/grpc_predict_v2.proto, which are KServe's) so that the bench
needs neither protoc nor grpcio-tools. The verification deliberately uses
grpcio, an independent HTTP/2 + gRPC implementation, because h2load only
counts HTTP 200s and a gRPC error also travels inside an HTTP 200.
"""
import struct
import sys

MODEL = "iris-logreg"
ROW = (6.8, 2.8, 4.8, 1.4)   # KServe's sample row; class 1 (versicolor) for iris-logreg
EXPECTED_LABEL = 1


# ---- protobuf wire format: just what ModelInferRequest/Response need ----

def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_len(num, payload):
    """Length-delimited field (wire type 2): strings, bytes, messages, packed lists."""
    return varint(num << 3 | 2) + varint(len(payload)) + payload


def model_infer_request():
    # ModelInferRequest.InferInputTensor: name=1, datatype=2, shape=3 (packed int64)
    tensor = (field_len(1, b"float_input")
              + field_len(2, b"FP32")
              + field_len(3, varint(1) + varint(4)))
    # ModelInferRequest: model_name=1, inputs=5, raw_input_contents=7
    return (field_len(1, MODEL.encode())
            + field_len(5, tensor)
            + field_len(7, struct.pack("<4f", *ROW)))


def grpc_frame(message):
    """gRPC message framing: 1 byte compressed flag (0), 4 bytes big-endian length."""
    return b"\x00" + struct.pack(">I", len(message)) + message


def read_varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7


def parse(buf):
    """Decode one message level into [(field number, wire type, value)]."""
    fields, i = [], 0
    while i < len(buf):
        key, i = read_varint(buf, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            val, i = read_varint(buf, i)
        elif wt == 1:
            val, i = buf[i:i + 8], i + 8
        elif wt == 5:
            val, i = buf[i:i + 4], i + 4
        elif wt == 2:
            n, i = read_varint(buf, i)
            val, i = buf[i:i + n], i + n
        else:
            raise ValueError("unsupported wire type %d" % wt)
        fields.append((num, wt, val))
    return fields


def label_from_response(buf):
    """Return the first 'label' value, from raw_output_contents or from contents."""
    top = parse(buf)
    outputs = [parse(v) for n, _, v in top if n == 5]   # ModelInferResponse.outputs
    raws = [v for n, _, v in top if n == 6]             # raw_output_contents
    for idx, out in enumerate(outputs):
        if not any(n == 1 and v == b"label" for n, _, v in out):
            continue
        if raws:   # raw form: entry idx holds little-endian INT64 elements
            return struct.unpack_from("<q", raws[idx])[0]
        for n, _, contents in out:
            if n != 5:   # InferOutputTensor.contents
                continue
            for cn, cwt, cv in parse(contents):
                if cn == 3:   # int64_contents, packed (wt 2) or not (wt 0)
                    return read_varint(cv, 0)[0] if cwt == 2 else cv
    raise ValueError("no label output in response")


def write(directory):
    with open(directory + "/model_infer.grpc", "wb") as f:
        f.write(grpc_frame(model_infer_request()))
    with open(directory + "/server_live.grpc", "wb") as f:
        f.write(grpc_frame(b""))   # ServerLiveRequest is empty: 5 zero bytes


def verify(target):
    import grpc   # python3-grpcio; imported here so 'write' works without it
    with grpc.insecure_channel(target) as channel:
        # Generic unary call on raw bytes: no generated stubs needed.
        identity = lambda b: b
        infer = channel.unary_unary("/inference.GRPCInferenceService/ModelInfer",
                                    request_serializer=identity,
                                    response_deserializer=identity)
        live = channel.unary_unary("/inference.GRPCInferenceService/ServerLive",
                                   request_serializer=identity,
                                   response_deserializer=identity)
        try:
            resp, call = infer.with_call(model_infer_request(), timeout=10)
            live_resp, live_call = live.with_call(b"", timeout=10)
        except grpc.RpcError as e:
            sys.exit("gRPC verify FAILED: %s %s" % (e.code(), e.details()))
        label = label_from_response(resp)
        if call.code() != grpc.StatusCode.OK or label != EXPECTED_LABEL:
            sys.exit("gRPC verify FAILED: status %s, label %r (want %d)"
                     % (call.code(), label, EXPECTED_LABEL))
        # ServerLiveResponse: live=1 (bool); 08 01 on the wire
        if live_call.code() != grpc.StatusCode.OK or live_resp != b"\x08\x01":
            sys.exit("gRPC verify FAILED: ServerLive status %s, body %r"
                     % (live_call.code(), live_resp))
        print("gRPC ok: ModelInfer status 0 (OK), label %d; ServerLive status 0, live=true"
              % label)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "verify"):
        sys.exit(__doc__)
    {"write": write, "verify": verify}[sys.argv[1]](sys.argv[2])
