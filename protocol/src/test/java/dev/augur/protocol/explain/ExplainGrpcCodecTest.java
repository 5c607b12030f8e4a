package dev.augur.protocol.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.proto.explain.AugurExplain.ExplainRequest;
import dev.augur.proto.explain.AugurExplain.ExplainResponse;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainGrpcCodecTest {

    @Test
    void requestRoundTripsTensorsMethodAndOverrides() {
        InferenceRequest in = new InferenceRequest("id-1", "iris", "2", Map.of("method", "anchors", "seed", 5L),
                List.of(Tensor.ofFloats("float_input", new long[] {1, 4}, new float[] {5.1f, 3.5f, 1.4f, 0.2f})),
                List.of(), false);
        ExplainRequest wire = ExplainGrpcCodec.encodeRequest(in);
        assertEquals("anchors", wire.getMethod());
        InferenceRequest out = ExplainGrpcCodec.decodeRequest(wire);
        assertEquals("iris", out.modelName());
        assertEquals("2", out.modelVersion());
        assertEquals("id-1", out.id());
        assertEquals("anchors", out.parameters().get("method"));
        assertEquals(5L, out.parameters().get("seed"));
        assertArrayEquals(new long[] {1, 4}, out.inputs().get(0).shape());
        assertEquals(1.4f, out.inputs().get(0).getFloat(2));
    }

    @Test
    void requestWithoutInstancesIsInvalid() {
        InferenceException e = assertThrows(InferenceException.class,
                () -> ExplainGrpcCodec.decodeRequest(ExplainRequest.newBuilder().setModelName("m").build()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void responseCarriesTheDocumentAndTheNumbers() {
        Explanation e = new Explanation("lime", "m", null, "x", "o", List.of("a"), Map.of(), 2, 5001, List.of());
        ExplainResponse r = ExplainGrpcCodec.encodeResponse(e);
        assertEquals(2, r.getModelCalls());
        assertEquals(5001, r.getSamples());
        assertArrayEquals(ExplainJsonCodec.encode(e), r.getExplanationJson().toByteArray());
    }
}
