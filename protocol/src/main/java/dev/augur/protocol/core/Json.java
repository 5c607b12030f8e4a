package dev.augur.protocol.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming JSON helpers shared by the codecs: no trees, no reflection (native-image friendly). Public only because the
 * codecs live in sub-packages of protocol; services call the codecs, not this.
 */
public final class Json {
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private Json() {
    }

    public interface Body<T> {
        T read(JsonParser p) throws IOException;
    }

    /** Runs a reader, turning Jackson's syntax errors into a 400 that says where the JSON broke. */
    public static <T> T parse(byte[] body, int offset, int length, Body<T> reader) {
        try (JsonParser p = FACTORY.createParser(body, offset, length)) {
            T value = reader.read(p);
            if (p.nextToken() != null) {
                throw InferenceException.invalid("malformed JSON: unexpected content after the top-level object");
            }
            return value;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw InferenceException.invalid("malformed JSON" + where + ": " + clean(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson's messages name its own source placeholder; keep only what helps the client. */
    private static String clean(String message) {
        if (message == null) {
            return "unreadable input";
        }
        return message
                .replaceAll("\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)",
                        "(opened at line $1, column $2)")
                .replaceAll("\\s*at \\[Source: .*?\\]", "")
                .replaceAll("(?s)\\n.*", "");
    }

    /**
     * The token of Jackson's refusal of a non-standard number ({@code NaN}, {@code Infinity}, {@code -Infinity}),
     * for a codec that can say which element held it; null for any other parse error.
     */
    public static String nonStandardToken(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        String prefix = "Non-standard token '";
        if (m == null || !m.startsWith(prefix)) {
            return null;
        }
        int end = m.indexOf('\'', prefix.length());
        return end < 0 ? null : m.substring(prefix.length(), end);
    }

    public static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw InferenceException.invalid(what + " must be " + describe(expected) + ", got " + describe(actual));
        }
    }

    public static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    public static String string(JsonParser p, String what) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, t, JsonToken.VALUE_STRING, what);
        return p.getText();
    }

    /** A parameters object: scalar values as String, Long, Double or Boolean; nested values as Map or List. */
    public static Map<String, Object> parameters(JsonParser p, String what) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        expect(p, t, JsonToken.START_OBJECT, what);
        return object(p);
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            m.put(k, any(p, p.nextToken()));
        }
        return m;
    }

    public static Object any(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(any(p, n));
                }
                yield l;
            }
            default -> throw InferenceException.invalid("unexpected JSON token " + t);
        };
    }

    public static void writeParameters(JsonGenerator g, Map<String, Object> params) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            g.writeFieldName(e.getKey());
            writeAny(g, e.getValue());
        }
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    public static void writeAny(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Map<?, ?> m) {
            writeParameters(g, (Map<String, Object>) m);
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeAny(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    /** Writes element {@code i} of a tensor as a JSON value of its type. */
    public static void writeElement(JsonGenerator g, Tensor t, int i) throws IOException {
        switch (t.datatype()) {
            case BOOL -> g.writeBoolean(t.getBool(i));
            case FP32, FP16, BF16 -> g.writeNumber(t.getFloat(i));
            case FP64 -> g.writeNumber(t.getDouble(i));
            case UINT64 -> {
                long v = t.getLong(i);
                if (v >= 0) {
                    g.writeNumber(v);
                } else {
                    g.writeNumber(Long.toUnsignedString(v));
                }
            }
            case BYTES -> g.writeString(new String(t.elements()[i], java.nio.charset.StandardCharsets.UTF_8));
            default -> g.writeNumber(t.getLong(i));
        }
    }

    /** {@code "data": [...]}: a tensor's elements, flat in row-major order as the V2 protocol sends them. */
    public static void writeData(JsonGenerator g, Tensor t) throws IOException {
        g.writeArrayFieldStart("data");
        int n = t.size();
        for (int i = 0; i < n; i++) {
            writeElement(g, t, i);
        }
        g.writeEndArray();
    }

    /** Writes one JSON document with the shared factory; the codecs' only way to produce a body. */
    public interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    public static byte[] write(Writer w) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code "field": ["a", "b"]}; the one way the codecs write a list of names. */
    public static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** Writes {@code "field": value} only when there is a value (optional fields are left out, not null). */
    public static void writeOptional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /** Writes {@code "parameters": {...}} only when there are any, as the V2 protocol leaves it out otherwise. */
    public static void writeParametersField(JsonGenerator g, Map<String, Object> params) throws IOException {
        if (!params.isEmpty()) {
            g.writeFieldName("parameters");
            writeParameters(g, params);
        }
    }

    public static void writeShape(JsonGenerator g, long[] shape) throws IOException {
        g.writeArrayFieldStart("shape");
        for (long d : shape) {
            g.writeNumber(d);
        }
        g.writeEndArray();
    }
}
