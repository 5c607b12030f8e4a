package dev.augur.protocol.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Json;
import dev.augur.protocol.core.ModelIndexEntry;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.core.ServerMetadata;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.protocol.core.TensorWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Open Inference Protocol's REST body, including the binary tensor data extension: a JSON header of
 * {@code Inference-Header-Content-Length} bytes followed by the raw tensors whose inputs declare
 * {@code binary_data_size}, in input order.
 */
public final class V2JsonCodec {
    /** The binary extension's header naming the JSON part's length. */
    public static final String HEADER_CONTENT_LENGTH = "Inference-Header-Content-Length";
    public static final String BINARY_DATA_SIZE = "binary_data_size";
    public static final String BINARY_DATA = "binary_data";
    public static final String BINARY_DATA_OUTPUT = "binary_data_output";

    /** An encoded body; {@code jsonLength} is the JSON part's length when binary data follows it, else -1. */
    public record Encoded(byte[] body, int jsonLength) {
        public boolean binary() {
            return jsonLength >= 0;
        }
    }

    private V2JsonCodec() {
    }

    /**
     * Decodes a V2 infer body.
     *
     * @param jsonLength the {@code Inference-Header-Content-Length} header, or -1 when the whole body is JSON
     */
    public static InferenceRequest decodeRequest(String model, String version, byte[] body, int jsonLength) {
        if (jsonLength > body.length) {
            throw InferenceException.invalid(HEADER_CONTENT_LENGTH + " is " + jsonLength + " but the body has only "
                    + body.length + " bytes");
        }
        int headerLen = jsonLength < 0 ? body.length : jsonLength;
        if (headerLen == 0) {
            throw InferenceException.invalid("request body is empty; expected a JSON object with 'inputs'");
        }
        RequestHeader h = Json.parse(body, 0, headerLen, V2JsonCodec::readRequest);
        int offset = headerLen;
        List<Tensor> inputs = new ArrayList<>(h.inputs.size());
        for (PendingInput in : h.inputs) {
            if (in.binarySize >= 0) {
                if (jsonLength < 0) {
                    throw InferenceException.invalid("input '" + in.name + "' declares " + BINARY_DATA_SIZE
                            + " but the request has no " + HEADER_CONTENT_LENGTH + " header");
                }
                if (in.binarySize > body.length - offset) {
                    throw InferenceException.invalid("input '" + in.name + "' declares " + BINARY_DATA_SIZE + " "
                            + in.binarySize + " but only " + (body.length - offset) + " binary bytes remain");
                }
                ByteBuffer slice = ByteBuffer.wrap(body, offset, (int) in.binarySize);
                offset += (int) in.binarySize;
                inputs.add(Tensor.of(in.name, in.type, in.shape, slice, in.parameters));
            } else {
                inputs.add(in.tensor);
            }
        }
        if (offset != body.length) {
            throw InferenceException.invalid("request has " + (body.length - offset)
                    + " binary bytes that no input's " + BINARY_DATA_SIZE + " accounts for");
        }
        String id = h.id == null || h.id.isEmpty() ? UUID.randomUUID().toString() : h.id;
        return new InferenceRequest(id, model, version, h.parameters, inputs, h.outputs, false);
    }

    private static final class RequestHeader {
        String id;
        Map<String, Object> parameters = Map.of();
        List<PendingInput> inputs;
        List<InferenceRequest.RequestedOutput> outputs = List.of();
    }

    private static final class PendingInput {
        String name;
        DataType type;
        long[] shape;
        Map<String, Object> parameters = Map.of();
        long binarySize = -1;
        Tensor tensor;
    }

    private static RequestHeader readRequest(JsonParser p) throws IOException {
        Json.expect(p, p.nextToken(), JsonToken.START_OBJECT, "request body");
        RequestHeader h = new RequestHeader();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            switch (field) {
                case "id" -> h.id = Json.string(p, "'id'");
                case "parameters" -> h.parameters = Json.parameters(p, "'parameters'");
                case "inputs" -> h.inputs = readInputs(p);
                case "outputs" -> h.outputs = readOutputs(p);
                default -> {
                    p.nextToken();
                    p.skipChildren();
                }
            }
        }
        if (h.inputs == null) {
            throw InferenceException.invalid("request has no 'inputs'");
        }
        return h;
    }

    private static List<PendingInput> readInputs(JsonParser p) throws IOException {
        Json.expect(p, p.nextToken(), JsonToken.START_ARRAY, "'inputs'");
        List<PendingInput> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            Json.expect(p, t, JsonToken.START_OBJECT, "inputs[" + list.size() + "]");
            list.add(readInput(p, list.size()));
        }
        if (list.isEmpty()) {
            throw InferenceException.invalid("'inputs' is empty");
        }
        return list;
    }

    private static PendingInput readInput(JsonParser p, int index) throws IOException {
        PendingInput in = new PendingInput();
        String typeName = null;
        TokenBuffer deferredData = null;
        boolean sawData = false;
        TensorWriter writer = null;
        byte[][] strings = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            String where = "inputs[" + index + "]" + (in.name == null ? "" : " ('" + in.name + "')");
            switch (field) {
                case "name" -> in.name = Json.string(p, where + ".name");
                case "datatype" -> typeName = Json.string(p, where + ".datatype");
                case "shape" -> in.shape = readShape(p, where);
                case "parameters" -> in.parameters = Json.parameters(p, where + ".parameters");
                case "data" -> {
                    sawData = true;
                    JsonToken t = p.nextToken();
                    if (typeName == null || in.name == null) {
                        // Field order is free in JSON; keep the data until the datatype is known.
                        deferredData = new TokenBuffer(p);
                        deferredData.copyCurrentStructure(p);
                    } else {
                        DataType type = DataType.parse(typeName, "input '" + in.name + "'");
                        if (type == DataType.BYTES) {
                            strings = readStrings(p, t, in.name);
                        } else {
                            writer = new TensorWriter(in.name, type, expected(in.shape));
                            readData(p, t, writer);
                        }
                    }
                }
                default -> {
                    p.nextToken();
                    p.skipChildren();
                }
            }
        }
        String where = "inputs[" + index + "]";
        if (in.name == null || in.name.isEmpty()) {
            throw InferenceException.invalid(where + ": 'name' is missing");
        }
        where = "input '" + in.name + "'";
        in.type = DataType.parse(typeName, where);
        if (in.shape == null) {
            throw InferenceException.invalid(where + ": 'shape' is missing");
        }
        Object binary = in.parameters.get(BINARY_DATA_SIZE);
        if (binary != null) {
            if (!(binary instanceof Long size) || size < 0) {
                throw InferenceException.invalid(where + ": parameter " + BINARY_DATA_SIZE
                        + " must be a non-negative integer");
            }
            if (sawData) {
                throw InferenceException.invalid(where + ": has both 'data' and " + BINARY_DATA_SIZE);
            }
            in.binarySize = size;
            return in;
        }
        if (!sawData) {
            throw InferenceException.invalid(where + ": 'data' is missing");
        }
        if (deferredData != null) {
            try (JsonParser replay = deferredData.asParser()) {
                JsonToken t = replay.nextToken();
                if (in.type == DataType.BYTES) {
                    strings = readStrings(replay, t, in.name);
                } else {
                    writer = new TensorWriter(in.name, in.type, expected(in.shape));
                    readData(replay, t, writer);
                }
            }
        }
        long count = Tensor.elementCount(in.shape, in.name);
        int got = strings != null ? strings.length : writer.count();
        if (got != count) {
            throw InferenceException.invalid(where + ": shape " + Arrays.toString(in.shape) + " needs " + count
                    + " elements, 'data' has " + got);
        }
        in.tensor = strings != null
                ? Tensor.ofBytes(in.name, in.shape, strings, in.parameters)
                : Tensor.of(in.name, in.type, in.shape, writer.finish(), in.parameters);
        return in;
    }

    private static int expected(long[] shape) {
        if (shape == null) {
            return 16;
        }
        long n = 1;
        for (long d : shape) {
            n *= Math.max(d, 0);
            if (n > (1 << 24)) {
                // Do not trust a huge declared shape with memory before the data proves it.
                return 1 << 24;
            }
        }
        return (int) n;
    }

    private static long[] readShape(JsonParser p, String where) throws IOException {
        Json.expect(p, p.nextToken(), JsonToken.START_ARRAY, where + ".shape");
        long[] shape = new long[4];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw InferenceException.invalid(where + ".shape must hold integers, got " + Json.describe(t));
            }
            long d = p.getLongValue();
            if (d < 0) {
                throw InferenceException.invalid(where + ".shape has a negative dimension " + d);
            }
            if (n == shape.length) {
                shape = Arrays.copyOf(shape, n * 2);
            }
            shape[n++] = d;
        }
        return Arrays.copyOf(shape, n);
    }

    /** Reads one element of the data into {@code into}. */
    private interface ElementReader<T> {
        void read(JsonParser p, JsonToken t, T into) throws IOException;
    }

    /**
     * Walks nested or flat row-major data (a bare scalar is one element), handing each element to the reader. The
     * readers are static method references, so the walk allocates nothing per tensor.
     */
    private static <T> void readElements(JsonParser p, JsonToken first, T into, ElementReader<T> r)
            throws IOException {
        if (first != JsonToken.START_ARRAY) {
            r.read(p, first, into);
            return;
        }
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_ARRAY) {
                depth--;
            } else {
                r.read(p, t, into);
            }
        }
    }

    /** Reads nested or flat row-major data into the writer. */
    static void readData(JsonParser p, JsonToken first, TensorWriter w) throws IOException {
        try {
            readElements(p, first, w, V2JsonCodec::readScalar);
        } catch (JsonParseException e) {
            String token = Json.nonStandardToken(e);
            if (token == null) {
                throw e;
            }
            throw w.notJson(token);
        }
    }

    /**
     * A float element whose text is beyond its type's range is refused here, with the text the client wrote: Jackson
     * reads 1e400 (or 1e39 as a float) as infinity, which JSON cannot mean.
     */
    private static void readScalar(JsonParser p, JsonToken t, TensorWriter w) throws IOException {
        switch (t) {
            case VALUE_NUMBER_FLOAT -> {
                if (w.type() == DataType.FP32) {
                    float f = p.getFloatValue();
                    if (Float.isInfinite(f)) {
                        throw w.outOfRange(p.getText());
                    }
                    w.putFloat(f);
                } else {
                    putFloating(p, w);
                }
            }
            case VALUE_NUMBER_INT -> {
                if (w.type().isFloating()) {
                    putFloating(p, w);
                } else if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    w.putBig(p.getBigIntegerValue());
                } else {
                    w.putLong(p.getLongValue());
                }
            }
            case VALUE_TRUE -> w.putBool(true);
            case VALUE_FALSE -> w.putBool(false);
            default -> throw InferenceException.invalid("input '" + w.name() + "' (" + w.type() + ") element "
                    + w.count() + ": got " + Json.describe(t) + ", expected "
                    + (w.type() == DataType.BOOL ? "true or false" : "a number"));
        }
    }

    private static void putFloating(JsonParser p, TensorWriter w) throws IOException {
        double d = p.getDoubleValue();
        if (!w.type().isFloating() || w.fits(d)) {
            w.putDouble(d);
        } else {
            throw w.outOfRange(p.getText());
        }
    }

    static byte[][] readStrings(JsonParser p, JsonToken first, String name) throws IOException {
        Strings out = new Strings(name);
        readElements(p, first, out, V2JsonCodec::readString);
        return out.toArray(new byte[0][]);
    }

    /** The BYTES elements read so far, with the input's name for error messages. */
    private static final class Strings extends ArrayList<byte[]> {
        private final String name;

        Strings(String name) {
            this.name = name;
        }
    }

    private static void readString(JsonParser p, JsonToken t, Strings out) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw InferenceException.invalid("input '" + out.name + "' (BYTES) element " + out.size() + ": got "
                    + Json.describe(t) + ", expected a string");
        }
        out.add(p.getText().getBytes(StandardCharsets.UTF_8));
    }

    private static List<InferenceRequest.RequestedOutput> readOutputs(JsonParser p) throws IOException {
        Json.expect(p, p.nextToken(), JsonToken.START_ARRAY, "'outputs'");
        List<InferenceRequest.RequestedOutput> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String where = "outputs[" + list.size() + "]";
            Json.expect(p, t, JsonToken.START_OBJECT, where);
            String name = null;
            Map<String, Object> params = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                switch (p.currentName()) {
                    case "name" -> name = Json.string(p, where + ".name");
                    case "parameters" -> params = Json.parameters(p, where + ".parameters");
                    default -> {
                        p.nextToken();
                        p.skipChildren();
                    }
                }
            }
            if (name == null || name.isEmpty()) {
                throw InferenceException.invalid(where + ": 'name' is missing");
            }
            list.add(new InferenceRequest.RequestedOutput(name, params));
        }
        return list;
    }

    /** Encodes a response; outputs asked for as binary (per output or all) go after the JSON part. */
    public static Encoded encodeResponse(InferenceResponse response, InferenceRequest request) {
        List<Tensor> binary = new ArrayList<>();
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            writeResponse(g, response, request, binary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (binary.isEmpty()) {
            return new Encoded(out.toByteArray(), -1);
        }
        int jsonLength = out.size();
        for (Tensor t : binary) {
            ByteBuffer b = t.wireBytes();
            if (b.hasArray()) {
                out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            } else {
                byte[] copy = new byte[b.remaining()];
                b.get(copy);
                out.write(copy);
            }
        }
        return new Encoded(out.toByteArray(), jsonLength);
    }

    /** The JSON part of a response; outputs to send as binary are added to {@code binary}, in order. */
    private static void writeResponse(JsonGenerator g, InferenceResponse response, InferenceRequest request,
            List<Tensor> binary) throws IOException {
        boolean allBinary = Boolean.TRUE.equals(request.parameters().get(BINARY_DATA_OUTPUT));
        g.writeStartObject();
        g.writeStringField("model_name", response.modelName());
        Json.writeOptional(g, "model_version", response.modelVersion());
        g.writeStringField("id", response.id());
        Json.writeParametersField(g, response.parameters());
        g.writeArrayFieldStart("outputs");
        for (Tensor t : response.outputs()) {
            boolean asBinary = wantsBinary(request, t.name(), allBinary);
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeStringField("datatype", t.datatype().name());
            Json.writeShape(g, t.shape());
            if (asBinary || !t.parameters().isEmpty()) {
                g.writeObjectFieldStart("parameters");
                for (Map.Entry<String, Object> e : t.parameters().entrySet()) {
                    g.writeFieldName(e.getKey());
                    Json.writeAny(g, e.getValue());
                }
                if (asBinary) {
                    g.writeNumberField(BINARY_DATA_SIZE, t.wireSize());
                }
                g.writeEndObject();
            }
            if (asBinary) {
                binary.add(t);
            } else {
                Json.writeData(g, t);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static boolean wantsBinary(InferenceRequest request, String output, boolean allBinary) {
        for (InferenceRequest.RequestedOutput o : request.outputs()) {
            if (o.name().equals(output)) {
                Object b = o.parameters().get(BINARY_DATA);
                if (b instanceof Boolean flag) {
                    return flag;
                }
            }
        }
        return allBinary;
    }

    public static byte[] encodeServerMetadata(ServerMetadata m) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("name", m.name());
            g.writeStringField("version", m.version());
            Json.writeStrings(g, "extensions", m.extensions());
            g.writeEndObject();
        });
    }

    public static byte[] encodeModelMetadata(ModelMetadata m) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("name", m.name());
            Json.writeStrings(g, "versions", m.versions());
            g.writeStringField("platform", m.platform());
            writeSpecs(g, "inputs", m.inputs());
            writeSpecs(g, "outputs", m.outputs());
            g.writeEndObject();
        });
    }

    private static void writeSpecs(JsonGenerator g, String field, List<TensorSpec> specs) throws IOException {
        g.writeArrayFieldStart(field);
        for (TensorSpec s : specs) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeStringField("datatype", s.datatype().name());
            Json.writeShape(g, s.shape());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The repository index: a JSON array of {@code {"name","version","state","reason","memory_bytes"}}. */
    public static byte[] encodeIndex(List<ModelIndexEntry> entries) {
        return Json.write(g -> {
            g.writeStartArray();
            for (ModelIndexEntry e : entries) {
                g.writeStartObject();
                g.writeStringField("name", e.name());
                if (!e.version().isEmpty()) {
                    g.writeStringField("version", e.version());
                }
                g.writeStringField("state", e.state());
                g.writeStringField("reason", e.reason());
                g.writeNumberField("memory_bytes", e.memoryBytes());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** The {@code ready} flag of an index request body; absent or empty body means false. */
    public static boolean decodeIndexReady(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        return Json.parse(body, 0, body.length, p -> {
            Json.expect(p, p.nextToken(), JsonToken.START_OBJECT, "request body");
            boolean ready = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (f.equals("ready")) {
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        throw InferenceException.invalid("'ready' must be true or false");
                    }
                    ready = t == JsonToken.VALUE_TRUE;
                } else {
                    p.skipChildren();
                }
            }
            return ready;
        });
    }

    /** KServe's answer to a repository load or unload: {@code {"name": m, "<action>": true}}. */
    public static byte[] encodeRepositoryAction(String name, String action) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeBooleanField(action, true);
            g.writeEndObject();
        });
    }

    /** {@code {"<field>": true|false}}, the body of live and ready answers. */
    public static byte[] encodeFlag(String field, boolean value) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeBooleanField(field, value);
            g.writeEndObject();
        });
    }

    /** The protocol's error body, {@code {"error": "..."}}. */
    public static byte[] encodeError(String message) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }
}
