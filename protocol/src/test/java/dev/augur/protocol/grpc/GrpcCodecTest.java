package dev.augur.protocol.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.augur.proto.inference.GrpcPredictV2.InferTensorContents;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcCodecTest {

    private static ModelInferRequest.InferInputTensor.Builder input(String type, long... shape) {
        ModelInferRequest.InferInputTensor.Builder b = ModelInferRequest.InferInputTensor.newBuilder()
                .setName("x").setDatatype(type);
        for (long d : shape) {
            b.addShape(d);
        }
        return b;
    }

    @Test
    void typedContentsDecode() {
        ModelInferRequest r = ModelInferRequest.newBuilder().setModelName("m").addInputs(input("FP32", 2)
                .setContents(InferTensorContents.newBuilder().addFp32Contents(1.5f).addFp32Contents(2.5f))).build();
        Tensor t = GrpcCodec.decodeRequest(r).inputs().get(0);
        assertEquals(2.5f, t.getFloat(1));
    }

    @Test
    void rawContentsDecodeLittleEndian() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putInt(-9);
        ModelInferRequest r = ModelInferRequest.newBuilder().setModelName("m").addInputs(input("INT32", 2))
                .addRawInputContents(ByteString.copyFrom(b.array())).build();
        assertEquals(-9, GrpcCodec.decodeRequest(r).inputs().get(0).getLong(1));
    }

    @Test
    void rawSizeMustMatchShape() {
        ModelInferRequest r = ModelInferRequest.newBuilder().setModelName("m").addInputs(input("INT32", 3))
                .addRawInputContents(ByteString.copyFrom(new byte[8])).build();
        InferenceException e = assertThrows(InferenceException.class, () -> GrpcCodec.decodeRequest(r));
        assertEquals("input 'x': shape [3] of INT32 needs 12 bytes, got 8", e.getMessage());
    }

    @Test
    void contentsCountMustMatchShape() {
        ModelInferRequest r = ModelInferRequest.newBuilder().setModelName("m").addInputs(input("INT64", 2)
                .setContents(InferTensorContents.newBuilder().addInt64Contents(1))).build();
        InferenceException e = assertThrows(InferenceException.class, () -> GrpcCodec.decodeRequest(r));
        assertEquals("input 'x' (INT64): shape needs 2 elements, 'int64_contents' has 1", e.getMessage());
    }

    @Test
    void fp16NeedsRawContents() {
        ModelInferRequest r = ModelInferRequest.newBuilder().setModelName("m").addInputs(input("FP16", 1)
                .setContents(InferTensorContents.newBuilder().addFp32Contents(1))).build();
        InferenceException e = assertThrows(InferenceException.class, () -> GrpcCodec.decodeRequest(r));
        assertEquals("input 'x' (FP16): FP16 has no typed contents field; send it in 'raw_input_contents'",
                e.getMessage());
    }

    @Test
    void responseIsRawWhenAskedAndTypedOtherwise() {
        InferenceResponse resp = new InferenceResponse("m", "1", "id", null,
                List.of(Tensor.ofLongs("label", new long[] {1}, new long[] {2})));
        ModelInferResponse typed = GrpcCodec.encodeResponse(resp, false);
        assertEquals(List.of(2L), typed.getOutputs(0).getContents().getInt64ContentsList());
        ModelInferResponse raw = GrpcCodec.encodeResponse(resp, true);
        assertEquals(2L, raw.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @Test
    void clientRoundTripKeepsTensors() {
        InferenceRequest req = new InferenceRequest("id", "m", "2", null,
                List.of(Tensor.ofStrings("s", new long[] {2}, "a", "bc")), List.of(), false);
        InferenceRequest back = GrpcCodec.decodeRequest(GrpcCodec.encodeRequest(req));
        assertEquals("bc", new String(back.inputs().get(0).elements()[1]));
        assertEquals("2", back.modelVersion());
    }
}
