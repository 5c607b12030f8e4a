package dev.augur.protocol.v1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class V1JsonCodecTest {

    static InferenceRequest decode(String json) {
        return V1JsonCodec.decodeRequest("m", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void instancesBecomeOneTypelessTensor() {
        InferenceRequest r = decode("{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}");
        assertTrue(r.typeless());
        Tensor t = r.inputs().get(0);
        assertEquals(V1JsonCodec.UNNAMED, t.name());
        assertArrayEquals(new long[] {2, 4}, t.shape());
        assertEquals(4.5, t.getDouble(6));
    }

    @Test
    void inputsIsAcceptedLikeInstances() {
        assertArrayEquals(new long[] {1, 2}, decode("{\"inputs\": [[1, 2]]}").inputs().get(0).shape());
    }

    @Test
    void raggedRowsAreRejected() {
        InferenceException e = assertThrows(InferenceException.class, () -> decode("{\"instances\": [[1, 2], [3]]}"));
        assertEquals("'instances' is ragged: every row must have the same shape", e.getMessage());
    }

    @Test
    void objectRowsBecomeNamedColumns() {
        InferenceRequest r = decode("{\"instances\": [{\"a\": 1, \"b\": \"x\"}, {\"a\": 2, \"b\": \"y\"}]}");
        assertEquals("pd", r.parameters().get("content_type"));
        assertEquals(List.of("a", "b"), r.inputs().stream().map(Tensor::name).toList());
        assertEquals(DataType.BYTES, r.inputs().get(1).datatype());
    }

    @Test
    void objectRowsWithDifferentKeysNameTheDifference() {
        InferenceException e = assertThrows(InferenceException.class,
                () -> decode("{\"instances\": [{\"a\": 1, \"b\": 2}, {\"a\": 2, \"c\": 3}]}"));
        assertEquals("instances[1] has different features than instances[0]; missing [b]; unknown [c]",
                e.getMessage());
    }

    @Test
    void missingInstancesIsNamed() {
        InferenceException e = assertThrows(InferenceException.class, () -> decode("{\"rows\": []}"));
        assertEquals("request has neither 'instances' nor 'inputs'", e.getMessage());
    }

    @Test
    void predictionsAreNestedByShape() {
        InferenceResponse r = new InferenceResponse("m", "1", "i", null,
                List.of(Tensor.ofFloats("p", new long[] {2, 2}, new float[] {1, 2, 3, 4})));
        assertEquals("{\"predictions\":[[1.0,2.0],[3.0,4.0]]}",
                new String(V1JsonCodec.encodeResponse(r), StandardCharsets.UTF_8));
    }

    @Test
    void tableOutputsAreRowObjects() {
        InferenceResponse r = new InferenceResponse("m", "1", "i", InferenceResponse.TABLE, List.of(
                Tensor.ofStrings("Species", new long[] {2}, "setosa", "virginica"),
                Tensor.ofDoubles("Probability_setosa", new long[] {2}, new double[] {1.0, 0.0})));
        assertEquals("{\"predictions\":[{\"Species\":\"setosa\",\"Probability_setosa\":1.0},"
                + "{\"Species\":\"virginica\",\"Probability_setosa\":0.0}]}",
                new String(V1JsonCodec.encodeResponse(r), StandardCharsets.UTF_8));
    }

    @Test
    void tableOfNonColumnsKeepsFirstOutput() {
        InferenceResponse r = new InferenceResponse("m", "1", "i", InferenceResponse.TABLE, List.of(
                Tensor.ofFloats("p", new long[] {1, 2}, new float[] {1, 2}),
                Tensor.ofDoubles("q", new long[] {1}, new double[] {3})));
        assertEquals("{\"predictions\":[[1.0,2.0]]}", new String(V1JsonCodec.encodeResponse(r),
                StandardCharsets.UTF_8));
    }

    @Test
    void b64ValuesBecomeBytesElements() {
        InferenceRequest r = decode("{\"instances\": [{\"image\": {\"b64\": \"iVBORw==\"}}, "
                + "{\"image\": {\"b64\": \"AAE=\"}}]}");
        Tensor t = r.inputs().get(0);
        assertEquals("image", t.name());
        assertEquals(DataType.BYTES, t.datatype());
        assertArrayEquals(new long[] {2}, t.shape());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, t.elements()[0]);
        assertArrayEquals(new byte[] {0, 1}, t.elements()[1]);
    }

    @Test
    void invalidB64NamesTheFeature() {
        InferenceException e = assertThrows(InferenceException.class,
                () -> decode("{\"instances\": [{\"image\": {\"b64\": \"not base64!\"}}]}"));
        assertTrue(e.getMessage().startsWith("instances feature 'image': element 0: 'b64' is not valid base64"),
                e.getMessage());
    }

    @Test
    void nullInANumericColumnIsNaN() {
        InferenceRequest r = decode("{\"instances\": [{\"a\": 1.5}, {\"a\": null}]}");
        Tensor t = r.inputs().get(0);
        assertEquals(DataType.FP64, t.datatype());
        assertEquals(1.5, t.getDouble(0));
        assertTrue(Double.isNaN(t.getDouble(1)));
    }
}
