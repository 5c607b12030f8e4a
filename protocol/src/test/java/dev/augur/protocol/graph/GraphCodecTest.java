package dev.augur.protocol.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.v2.V2JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON an InferenceGraph router writes: KServe's shapes written out by hand, and the V2 codec for gRPC graphs. */
class GraphCodecTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void ensembleKeysAnswersInStepOrder() {
        Map<String, byte[]> answers = new LinkedHashMap<>();
        answers.put("logreg", utf8("{\"predictions\":[1]}"));
        answers.put("1", utf8("{\"error\":\"x\"}"));
        assertEquals("{\"logreg\":{\"predictions\":[1]},\"1\":{\"error\":\"x\"}}",
                new String(GraphJson.ensemble(answers), StandardCharsets.UTF_8));
    }

    @Test
    void routingErrorIsKServesObject() {
        assertEquals("{\"error\":\"Failed to process request\",\"cause\":\"None of the routes matched\"}",
                new String(GraphJson.routingError("None of the routes matched"), StandardCharsets.UTF_8));
    }

    @Test
    void onlyOneJsonObjectCanBeMerged() {
        assertTrue(GraphJson.isObject(utf8(" {\"a\": [1, {\"b\": 2}]} ")));
        assertFalse(GraphJson.isObject(utf8("[1]")));
        assertFalse(GraphJson.isObject(utf8("{\"a\": 1} {}")));
        assertFalse(GraphJson.isObject(utf8("not json")));
    }

    @Test
    void treeIsNullForWhatIsNotJson() {
        assertNull(GraphJson.tree(utf8("{\"a\": ")));
        assertEquals(2, GraphJson.tree(utf8("{\"a\": [1, 2]}")).get("a").size());
    }

    @Test
    void aRequestEncodedForAGraphDecodesToTheSameTensors() {
        InferenceRequest r = new InferenceRequest("id-1", "g", null, Map.of(),
                List.of(Tensor.ofFloats("float_input", new long[] {2, 2}, new float[] {6.8f, 2.8f, 4.5f, 1.5f})),
                List.of(new InferenceRequest.RequestedOutput("label", Map.of())), false);
        InferenceRequest back = V2JsonCodec.decodeRequest("g", null, V2GraphCodec.encodeRequest(r), -1);
        assertEquals("id-1", back.id());
        assertEquals("float_input", back.inputs().get(0).name());
        assertArrayEquals(new long[] {2, 2}, back.inputs().get(0).shape());
        assertEquals(DataType.FP32, back.inputs().get(0).datatype());
        assertEquals("label", back.outputs().get(0).name());
    }

    @Test
    void aV2AnswerIsReadBackIntoTensors() {
        InferenceResponse r = V2GraphCodec.decodeResponse("g", utf8("{\"model_name\":\"iris\",\"id\":\"7\","
                + "\"outputs\":[{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[2],\"data\":[1,2]}]}"));
        assertEquals("iris", r.modelName());
        assertEquals("7", r.id());
        assertEquals("label", r.outputs().get(0).name());
        assertEquals(DataType.INT64, r.outputs().get(0).datatype());
        assertArrayEquals(new long[] {2}, r.outputs().get(0).shape());
    }

    @Test
    void anEnsembleAnswerIsNotAV2Response() {
        InferenceException e = assertThrows(InferenceException.class, () -> V2GraphCodec.decodeResponse("g",
                utf8("{\"0\":{\"outputs\":[]}}")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void httpStatusesMapBackToTheErrorModel() {
        assertEquals(ErrorCode.NOT_FOUND, ErrorTable.fromHttp(404));
        assertEquals(ErrorCode.DEADLINE_EXCEEDED, ErrorTable.fromHttp(504));
        assertEquals(ErrorCode.INVALID_ARGUMENT, ErrorTable.fromHttp(418));
        assertEquals(ErrorCode.INTERNAL, ErrorTable.fromHttp(502));
    }
}
