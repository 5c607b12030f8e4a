package dev.augur.protocol.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The V1 body Augur writes to a V1 component and the answer it reads back. */
class V1ClientCodecTest {

    private static InferenceRequest request(Tensor... inputs) {
        return new InferenceRequest("r", "m", null, Map.of(), List.of(inputs), List.of(), false);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneTensorBecomesRowsOfInstances() {
        String body = new String(V1ClientCodec.encodeRequest(request(Tensor.ofLongs("x", new long[] {2, 2},
                new long[] {1, 2, 3, 4}))), StandardCharsets.UTF_8);
        assertEquals("{\"instances\":[[1,2],[3,4]]}", body);
    }

    @Test
    void columnsOfOneTableBecomeRowsOfObjects() {
        String body = new String(V1ClientCodec.encodeRequest(request(
                Tensor.ofLongs("a", new long[] {2}, new long[] {1, 2}),
                Tensor.ofStrings("b", new long[] {2}, "x", "y"))), StandardCharsets.UTF_8);
        assertEquals("{\"instances\":[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]}", body);
    }

    @Test
    void wholeNumberPredictionsStayIntegers() {
        InferenceResponse r = V1ClientCodec.decodeResponse("c", "m", "r", utf8("{\"predictions\":[1,2]}"));
        Tensor t = r.output(V1ClientCodec.PREDICTIONS);
        assertEquals(DataType.INT64, t.datatype());
        assertArrayEquals(new long[] {2}, t.shape());
        assertEquals(2, t.getLong(1));
    }

    @Test
    void fractionalPredictionsAreFp64() {
        Tensor t = V1ClientCodec.decodeResponse("c", "m", "r", utf8("{\"predictions\":[[0.5,1],[2,3]]}"))
                .output(V1ClientCodec.PREDICTIONS);
        assertEquals(DataType.FP64, t.datatype());
        assertArrayEquals(new long[] {2, 2}, t.shape());
        assertEquals(0.5, t.getDouble(0));
    }

    @Test
    void rowsOfObjectsBecomeATable() {
        InferenceResponse r = V1ClientCodec.decodeResponse("c", "m", "r",
                utf8("{\"predictions\":[{\"Species\":\"setosa\",\"p\":1.0}]}"));
        assertTrue(r.tabular());
        assertEquals("setosa", new String(r.output("Species").elements()[0], StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerWithoutPredictionsIsTheComponentsFault() {
        InferenceException e = assertThrows(InferenceException.class, () -> V1ClientCodec.decodeResponse(
                "component 'c'", "m", "r", utf8("{\"outputs\":[]}")));
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().startsWith("the answer of component 'c' is not a V1 response"), e.getMessage());
    }
}
