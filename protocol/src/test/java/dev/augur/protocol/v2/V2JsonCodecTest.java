package dev.augur.protocol.v2;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class V2JsonCodecTest {

    static InferenceRequest decode(String json) {
        return V2JsonCodec.decodeRequest("m", null, json.getBytes(StandardCharsets.UTF_8), -1);
    }

    static String message(String json) {
        InferenceException e = assertThrows(InferenceException.class, () -> decode(json));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        return e.getMessage();
    }

    @Test
    void flatAndNestedDataGiveTheSameRowMajorElements() {
        Tensor flat = decode("{\"inputs\":[{\"name\":\"x\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}")
                .inputs().get(0);
        Tensor nested = decode(
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[[1,2],[3,4]]}]}")
                .inputs().get(0);
        assertEquals(flat.data(), nested.data());
        assertEquals(3.0f, nested.getFloat(2));
    }

    @Test
    void dataMayComeBeforeNameAndDatatype() {
        Tensor t = decode("{\"inputs\":[{\"data\":[7,8],\"shape\":[2],\"datatype\":\"INT32\",\"name\":\"x\"}]}")
                .inputs().get(0);
        assertEquals(DataType.INT32, t.datatype());
        assertEquals(8, t.getLong(1));
    }

    @Test
    void idIsEchoedOrGenerated() {
        assertEquals("abc", decode("{\"id\":\"abc\",\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"BOOL\","
                + "\"data\":[true]}]}").id());
        String generated = decode("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"BOOL\",\"data\":[true]}]}")
                .id();
        assertEquals(36, generated.length(), "a UUID: " + generated);
    }

    @Test
    void parametersAreKeptOnRequestAndInputs() {
        InferenceRequest r = decode("{\"parameters\":{\"a\":1,\"b\":\"s\",\"c\":true,\"d\":0.5},\"inputs\":[{\"name\":\"x\","
                + "\"shape\":[1],\"datatype\":\"INT8\",\"parameters\":{\"k\":\"v\"},\"data\":[1]}]}");
        assertEquals(Map.of("a", 1L, "b", "s", "c", true, "d", 0.5), r.parameters());
        assertEquals(Map.of("k", "v"), r.inputs().get(0).parameters());
    }

    @Test
    void everyDatatypeDecodesItsRange() {
        String[][] cases = {
            {"BOOL", "[true,false]"}, {"UINT8", "[0,255]"}, {"UINT16", "[0,65535]"}, {"UINT32", "[0,4294967295]"},
            {"UINT64", "[0,18446744073709551615]"}, {"INT8", "[-128,127]"}, {"INT16", "[-32768,32767]"},
            {"INT32", "[-2147483648,2147483647]"}, {"INT64", "[-9223372036854775808,9223372036854775807]"},
            {"FP16", "[1.0,-2.5]"}, {"FP32", "[1.5,-2.25]"}, {"FP64", "[1e300,-2.5]"}, {"BF16", "[1.0,-2.5]"},
            {"BYTES", "[\"a\",\"\u00e9\"]"}};
        for (String[] c : cases) {
            Tensor t = decode("{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"" + c[0] + "\",\"data\":" + c[1]
                    + "}]}").inputs().get(0);
            assertEquals(DataType.valueOf(c[0]), t.datatype());
            assertEquals(2, t.size(), c[0]);
        }
    }

    @Test
    void unsignedMaximaKeepTheirBits() {
        Tensor t = decode("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"UINT64\","
                + "\"data\":[18446744073709551615]}]}").inputs().get(0);
        assertEquals(-1L, t.getLong(0));
        Tensor u = decode("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"UINT32\","
                + "\"data\":[4294967295]}]}").inputs().get(0);
        assertEquals(4294967295L, u.getLong(0));
    }

    @Test
    void fp16IsStoredAsHalfBits() {
        Tensor t = decode("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP16\",\"data\":[1.0]}]}")
                .inputs().get(0);
        assertEquals((short) 0x3C00, t.data().getShort(0));
    }

    @Test
    void elementCountMustMatchShape() {
        assertEquals("input 'x': shape [2, 2] needs 4 elements, 'data' has 3",
                message("{\"inputs\":[{\"name\":\"x\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}"));
    }

    @Test
    void unknownDatatypeIsNamed() {
        assertTrue(message("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FLOAT\",\"data\":[1]}]}")
                .startsWith("input 'x': unknown datatype 'FLOAT'"));
    }

    @Test
    void missingFieldsAreNamed() {
        assertEquals("request has no 'inputs'", message("{}"));
        assertEquals("inputs[0]: 'name' is missing",
                message("{\"inputs\":[{\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]}"));
        assertEquals("input 'x': 'shape' is missing",
                message("{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"data\":[1]}]}"));
        assertEquals("input 'x': 'datatype' is missing",
                message("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"data\":[1]}]}"));
        assertEquals("input 'x': 'data' is missing",
                message("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\"}]}"));
    }

    @Test
    void valuesOfTheWrongKindAreRejected() {
        assertEquals("input 'x' (INT32) element 1: 1.5 is not an integer",
                message("{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"INT32\",\"data\":[1,1.5]}]}"));
        assertEquals("input 'x' (UINT8) element 0: 256 is out of range for UINT8",
                message("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"UINT8\",\"data\":[256]}]}"));
        assertEquals("input 'x' (FP32) element 0: got a string, expected a number",
                message("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[\"1\"]}]}"));
        assertEquals("input 'x' (BYTES) element 0: got a number, expected a string",
                message("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"BYTES\",\"data\":[1]}]}"));
        assertEquals("input 'x' (FP32) element 0: got null, expected a number",
                message("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[null]}]}"));
    }

    @Test
    void negativeShapeIsRejected() {
        assertEquals("inputs[0] ('x').shape has a negative dimension -1",
                message("{\"inputs\":[{\"name\":\"x\",\"shape\":[-1],\"datatype\":\"FP32\",\"data\":[1]}]}"));
    }

    @Test
    void malformedJsonSaysWhere() {
        String m = message("{\"inputs\":[{\"name\":\"x\",");
        assertTrue(m.startsWith("malformed JSON at line 1, column "), m);
    }

    @Test
    void binaryInputIsReadFromAfterTheHeader() {
        String json = "{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":8}}]}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(header.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        body.put(header).putFloat(1.5f).putFloat(-3f);
        InferenceRequest r = V2JsonCodec.decodeRequest("m", null, body.array(), header.length);
        assertEquals(-3f, r.inputs().get(0).getFloat(1));
    }

    @Test
    void binaryBytesElementsAreLengthPrefixed() {
        String json = "{\"inputs\":[{\"name\":\"s\",\"shape\":[2],\"datatype\":\"BYTES\","
                + "\"parameters\":{\"binary_data_size\":11}}]}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(header.length + 11).order(ByteOrder.LITTLE_ENDIAN);
        body.put(header).putInt(2).put("hi".getBytes(StandardCharsets.UTF_8)).putInt(1).put((byte) 'x');
        InferenceRequest r = V2JsonCodec.decodeRequest("m", null, body.array(), header.length);
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), r.inputs().get(0).elements()[0]);
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), r.inputs().get(0).elements()[1]);
    }

    @Test
    void binarySizesMustAddUp() {
        String json = "{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":8}}]}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[header.length + 4];
        System.arraycopy(header, 0, body, 0, header.length);
        InferenceException e = assertThrows(InferenceException.class,
                () -> V2JsonCodec.decodeRequest("m", null, body, header.length));
        assertEquals("input 'x' declares binary_data_size 8 but only 4 binary bytes remain", e.getMessage());
    }

    @Test
    void headerLengthBeyondTheBodyIsRejected() {
        InferenceException e = assertThrows(InferenceException.class,
                () -> V2JsonCodec.decodeRequest("m", null, new byte[10], 20));
        assertEquals("Inference-Header-Content-Length is 20 but the body has only 10 bytes", e.getMessage());
    }

    private static InferenceResponse response() {
        return new InferenceResponse("m", "1", "id-1", null, List.of(
                Tensor.ofLongs("label", new long[] {2}, new long[] {1, 2}),
                Tensor.ofFloats("p", new long[] {2}, new float[] {0.25f, 0.75f})));
    }

    @Test
    void responseCarriesNameVersionIdAndData() {
        InferenceRequest req = decode("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"BOOL\",\"data\":[true]}]}");
        String json = new String(V2JsonCodec.encodeResponse(response(), req).body(), StandardCharsets.UTF_8);
        assertEquals("{\"model_name\":\"m\",\"model_version\":\"1\",\"id\":\"id-1\",\"outputs\":["
                + "{\"name\":\"label\",\"datatype\":\"INT64\",\"shape\":[2],\"data\":[1,2]},"
                + "{\"name\":\"p\",\"datatype\":\"FP32\",\"shape\":[2],\"data\":[0.25,0.75]}]}", json);
    }

    @Test
    void binaryDataOutputPutsOnlyThatOutputAfterTheJson() {
        InferenceRequest req = decode("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"BOOL\",\"data\":[true]}],"
                + "\"outputs\":[{\"name\":\"p\",\"parameters\":{\"binary_data\":true}}]}");
        V2JsonCodec.Encoded out = V2JsonCodec.encodeResponse(response(), req);
        assertTrue(out.binary());
        assertEquals(out.jsonLength() + 8, out.body().length);
        ByteBuffer tail = ByteBuffer.wrap(out.body(), out.jsonLength(), 8).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0.75f, tail.getFloat(out.jsonLength() + 4));
        String json = new String(out.body(), 0, out.jsonLength(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"parameters\":{\"binary_data_size\":8}"), json);
        assertTrue(json.contains("\"data\":[1,2]"), json);
    }

    @Test
    void binaryDataOutputParameterAppliesToAllOutputs() {
        InferenceRequest req = decode("{\"parameters\":{\"binary_data_output\":true},\"inputs\":[{\"name\":\"x\","
                + "\"shape\":[1],\"datatype\":\"BOOL\",\"data\":[true]}]}");
        V2JsonCodec.Encoded out = V2JsonCodec.encodeResponse(response(), req);
        assertEquals(out.jsonLength() + 16 + 8, out.body().length);
    }
}
