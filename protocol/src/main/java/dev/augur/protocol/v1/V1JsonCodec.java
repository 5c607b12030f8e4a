package dev.augur.protocol.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Json;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * KServe's V1 (TensorFlow Serving style) body: {@code {"instances": [...]}} or {@code {"inputs": [...]}} in,
 * {@code {"predictions": [...]}} out. Rows of numbers become one tensor [N, ...]; rows of objects (named features)
 * become one column tensor [N] per feature with the request parameter {@code content_type: "pd"}. V1 carries no
 * datatypes, so the request is marked {@link InferenceRequest#typeless()}.
 *
 * <p>Two TensorFlow Serving conventions KServe's V1 clients use are understood inside rows: a value
 * {@code {"b64": "..."}} is binary data and becomes one BYTES element holding the decoded bytes (as in
 * {@code {"instances": [{"image": {"b64": "..."}}]}}); and {@code null} in a column of numbers is a missing value,
 * NaN (the predictor's convention for missing features).
 */
public final class V1JsonCodec {
    /** The name of the single tensor V1 rows become; the data plane maps it to the model's only input. */
    public static final String UNNAMED = "";
    public static final String CONTENT_TYPE = "content_type";
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private V1JsonCodec() {
    }

    /**
     * Whether a JSON body is a V1 request rather than a V2 one, for transports that carry no path to tell them
     * apart (Kafka records): V1 has {@code instances}, or {@code inputs} whose rows are not V2 tensor objects.
     */
    public static boolean isV1(byte[] body) {
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("instances")) {
                    return true;
                }
                if (field.equals("inputs")) {
                    return t == JsonToken.START_ARRAY && p.nextToken() != JsonToken.START_OBJECT;
                }
                p.skipChildren();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    public static InferenceRequest decodeRequest(String model, byte[] body) {
        if (body.length == 0) {
            throw InferenceException.invalid("request body is empty; expected {\"instances\": [...]}");
        }
        return Json.parse(body, 0, body.length, p -> {
            Json.expect(p, p.nextToken(), JsonToken.START_OBJECT, "request body");
            InferenceRequest request = null;
            Map<String, Object> params = Map.of();
            String id = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (field.equals("instances") || field.equals("inputs")) {
                    if (request != null) {
                        throw InferenceException.invalid("request has both 'instances' and 'inputs'");
                    }
                    request = readInstances(p, model, field);
                } else if (field.equals("parameters")) {
                    params = Json.parameters(p, "'parameters'");
                } else if (field.equals("id")) {
                    id = Json.string(p, "'id'");
                } else {
                    p.nextToken();
                    p.skipChildren();
                }
            }
            if (request == null) {
                throw InferenceException.invalid("request has neither 'instances' nor 'inputs'");
            }
            Map<String, Object> merged = new LinkedHashMap<>(params);
            merged.putAll(request.parameters());
            return new InferenceRequest(id == null ? UUID.randomUUID().toString() : id, model, null, merged,
                    request.inputs(), List.of(), true);
        });
    }

    private static InferenceRequest readInstances(JsonParser p, String model, String field) throws IOException {
        Json.expect(p, p.nextToken(), JsonToken.START_ARRAY, "'" + field + "'");
        List<Object> rows = new ArrayList<>();
        JsonToken t;
        try {
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                rows.add(Json.any(p, t));
            }
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            String token = Json.nonStandardToken(e);
            if (token == null) {
                throw e;
            }
            throw InferenceException.invalid(field + "[" + rows.size() + "]: " + token + " is not a JSON number");
        }
        if (rows.isEmpty()) {
            throw InferenceException.invalid("'" + field + "' is empty");
        }
        if (rows.get(0) instanceof Map<?, ?>) {
            return columns(rows, field, model);
        }
        Tensor t0 = toTensor(UNNAMED, rows, field);
        return new InferenceRequest(null, model, null, Map.of(), List.of(t0), List.of(), true);
    }

    @SuppressWarnings("unchecked")
    private static InferenceRequest columns(List<Object> rows, String field, String model) {
        Map<String, List<Object>> cols = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            if (!(rows.get(r) instanceof Map<?, ?> row)) {
                throw InferenceException.invalid(field + "[" + r + "] must be an object like the first row");
            }
            if (r > 0 && !row.keySet().equals(cols.keySet())) {
                List<String> missing = new ArrayList<>(cols.keySet());
                missing.removeAll(row.keySet());
                List<String> extra = new ArrayList<>((java.util.Set<String>) row.keySet());
                extra.removeAll(cols.keySet());
                throw InferenceException.invalid(field + "[" + r + "] has different features than " + field
                        + "[0]" + (missing.isEmpty() ? "" : "; missing " + missing)
                        + (extra.isEmpty() ? "" : "; unknown " + extra));
            }
            for (Map.Entry<String, Object> e : ((Map<String, Object>) row).entrySet()) {
                cols.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        List<Tensor> inputs = new ArrayList<>();
        for (Map.Entry<String, List<Object>> c : cols.entrySet()) {
            inputs.add(toTensor(c.getKey(), c.getValue(), field + " feature '" + c.getKey() + "'"));
        }
        return new InferenceRequest(null, model, null, Map.of(CONTENT_TYPE, "pd"), inputs, List.of(), true);
    }

    /** Nested lists of scalars into one tensor, checking the nesting is rectangular. */
    static Tensor toTensor(String name, List<Object> rows, String where) {
        List<Long> shape = new ArrayList<>();
        List<Object> flat = new ArrayList<>();
        flatten(rows, 0, shape, flat, where);
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        Object first = flat.isEmpty() ? 0.0 : firstNonNull(flat);
        if (first instanceof byte[]) {
            byte[][] e = new byte[flat.size()][];
            for (int i = 0; i < e.length; i++) {
                if (!(flat.get(i) instanceof byte[] b)) {
                    throw mixed(where, i);
                }
                e[i] = b;
            }
            return Tensor.ofBytes(name, dims, e, null);
        }
        if (first instanceof String) {
            byte[][] e = new byte[flat.size()][];
            for (int i = 0; i < e.length; i++) {
                if (!(flat.get(i) instanceof String s)) {
                    throw mixed(where, i);
                }
                e[i] = s.getBytes(StandardCharsets.UTF_8);
            }
            return Tensor.ofBytes(name, dims, e, null);
        }
        DataType type = first instanceof Boolean ? DataType.BOOL : DataType.FP64;
        TensorWriter w = new TensorWriter(name, type, flat.size());
        for (int i = 0; i < flat.size(); i++) {
            Object v = flat.get(i);
            if (type == DataType.BOOL && v instanceof Boolean b) {
                w.putBool(b);
            } else if (type == DataType.FP64 && v instanceof Number n) {
                double d = n.doubleValue();
                if (Double.isInfinite(d)) {
                    // JSON has no infinity: the text was a number beyond FP64's range (1e400).
                    throw InferenceException.invalid(where + ": element " + i
                            + ": the number is out of range for FP64 (beyond 1.8e308)");
                }
                w.putDouble(d);
            } else if (type == DataType.FP64 && v == null) {
                w.putDouble(Double.NaN);
            } else {
                throw mixed(where, i);
            }
        }
        return Tensor.of(name, type, dims, w.finish());
    }

    /** The first element that is not null (a column of only nulls is numeric: all NaN). */
    private static Object firstNonNull(List<Object> flat) {
        for (Object o : flat) {
            if (o != null) {
                return o;
            }
        }
        return 0.0;
    }

    /** {@code {"b64": "..."}}: the decoded bytes, or a 400 naming where the data is not base64. */
    private static byte[] b64(Map<?, ?> node, String where, int index) {
        if (node.size() != 1 || !(node.get("b64") instanceof String text)) {
            throw InferenceException.invalid(where + ": element " + index + ": objects are only accepted as whole "
                    + "rows (named features) or as {\"b64\": \"<base64>\"}");
        }
        try {
            return Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw InferenceException.invalid(where + ": element " + index + ": 'b64' is not valid base64 ("
                    + e.getMessage() + ")");
        }
    }

    private static InferenceException mixed(String where, int i) {
        return InferenceException.invalid(where + ": element " + i
                + " has a different type than the first element (or is null)");
    }

    private static void flatten(Object node, int depth, List<Long> shape, List<Object> flat, String where) {
        if (node instanceof List<?> list) {
            if (shape.size() == depth) {
                if (!flat.isEmpty()) {
                    throw ragged(where);
                }
                shape.add((long) list.size());
            } else if (shape.size() < depth || shape.get(depth) != list.size()) {
                throw ragged(where);
            }
            for (Object o : list) {
                flatten(o, depth + 1, shape, flat, where);
            }
        } else if (node instanceof Map<?, ?> map) {
            if (shape.size() != depth) {
                throw ragged(where);
            }
            flat.add(b64(map, where, flat.size()));
        } else {
            if (shape.size() != depth) {
                throw ragged(where);
            }
            flat.add(node);
        }
    }

    private static InferenceException ragged(String where) {
        return InferenceException.invalid("'" + where.replace("'", "")
                + "' is ragged: every row must have the same shape");
    }

    /**
     * {@code {"predictions": ...}} from the first output, nested by its shape (rows for a batch); for a
     * {@linkplain InferenceResponse#tabular() table} of [N] outputs, one object per row keyed by output name
     * ({@code [{"Species": "setosa", "Probability_setosa": 1.0, ...}]}, as KServe answers for a data frame).
     */
    public static byte[] encodeResponse(InferenceResponse response) {
        return encodeDocument("predictions", response.outputs(), response.tabular() && columns(response.outputs()));
    }

    /**
     * {@code {"<field>": ...}}: one object per row of the {@code table}'s columns, else the first tensor nested by its
     * shape ({@code []} for no tensor). {@link V1ClientCodec} writes its {@code instances} with it.
     */
    static byte[] encodeDocument(String field, List<Tensor> tensors, boolean table) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeFieldName(field);
            if (tensors.isEmpty()) {
                g.writeStartArray();
                g.writeEndArray();
            } else if (table) {
                writeRows(g, tensors);
            } else {
                Tensor t = tensors.get(0);
                writeNested(g, t, t.shape(), 0, new int[] {0});
            }
            g.writeEndObject();
        });
    }

    /** True when every tensor is one column [N] of the same N (also how {@link V1ClientCodec} sends a table). */
    static boolean columns(List<Tensor> outputs) {
        long rows = -1;
        for (Tensor t : outputs) {
            if (t.shape().length != 1 || (rows >= 0 && t.shape()[0] != rows)) {
                return false;
            }
            rows = t.shape()[0];
        }
        return true;
    }

    private static void writeRows(JsonGenerator g, List<Tensor> columns) throws IOException {
        g.writeStartArray();
        for (int r = 0; r < columns.get(0).shape()[0]; r++) {
            g.writeStartObject();
            for (Tensor t : columns) {
                g.writeFieldName(t.name());
                Json.writeElement(g, t, r);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeNested(JsonGenerator g, Tensor t, long[] shape, int dim, int[] next)
            throws IOException {
        if (dim == shape.length) {
            Json.writeElement(g, t, next[0]++);
            return;
        }
        g.writeStartArray();
        for (long i = 0; i < shape[dim]; i++) {
            writeNested(g, t, shape, dim + 1, next);
        }
        g.writeEndArray();
    }

    public static byte[] encodeModelStatus(String name, boolean ready) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeBooleanField("ready", ready);
            g.writeEndObject();
        });
    }

    public static byte[] encodeModelList(List<String> names) {
        return Json.write(g -> {
            g.writeStartObject();
            Json.writeStrings(g, "models", names);
            g.writeEndObject();
        });
    }
}
