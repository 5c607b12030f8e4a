package dev.augur.isvc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one YAML mapping field by field, remembering which fields it was asked about, so that
 * {@link #rejectUnknown()} can name a misspelt field instead of silently ignoring it (KServe's webhook would refuse
 * it too). Every error names the file and the dotted field path.
 */
final class Fields {
    private final JsonNode node;
    private final String path;
    private final String source;
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(JsonNode node, String path, String source) {
        this.node = node;
        this.path = path;
        this.source = source;
    }

    static Fields of(JsonNode node, String path, String source) {
        if (!node.isObject()) {
            throw new InvalidSpecException(source, path, "must be a mapping, got " + describe(node));
        }
        return new Fields(node, path, source);
    }

    String path() {
        return path;
    }

    String source() {
        return source;
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    InvalidSpecException error(String key, String problem) {
        return new InvalidSpecException(source, at(key), problem);
    }

    /** The keys of this mapping, in file order (for mappings keyed by user-chosen names, such as graph nodes). */
    Iterator<String> fieldNames() {
        return node.fieldNames();
    }

    boolean has(String key) {
        return get(key) != null;
    }

    /** The value, or null when absent or YAML null ({@code key:} with nothing after it). */
    JsonNode get(String key) {
        known.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    String string(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isValueNode() || v.isBinary()) {
            throw error(key, "must be a string, got " + describe(v));
        }
        return v.asText();
    }

    String requiredString(String key) {
        String s = string(key);
        if (s == null || s.isBlank()) {
            throw error(key, "is required");
        }
        return s;
    }

    /** An integer within [min, max], or null when absent; {@code expected} words the rule for the message. */
    Integer integer(String key, int min, int max, String expected) {
        JsonNode v = get(key);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw error(key, "must be " + expected + ", got " + describe(v));
        }
        return v.asInt();
    }

    Integer nonNegative(String key) {
        return integer(key, 0, Integer.MAX_VALUE, "a non-negative integer");
    }

    Integer positive(String key) {
        return integer(key, 1, Integer.MAX_VALUE, "a positive integer");
    }

    /** A string that must be one of the enum's wire values. */
    <E extends Enum<E>> E choice(String key, E[] values, java.util.function.Function<E, String> wire) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        List<String> allowed = new ArrayList<>();
        for (E e : values) {
            if (wire.apply(e).equals(s)) {
                return e;
            }
            allowed.add(wire.apply(e));
        }
        throw error(key, "must be one of " + String.join(", ", allowed) + ", got \"" + s + "\"");
    }

    Fields object(String key) {
        JsonNode v = get(key);
        return v == null ? null : of(v, at(key), source);
    }

    /** A mapping of scalars (labels, annotations, resource quantities), values as text. */
    Map<String, String> stringMap(String key) {
        Fields f = object(key);
        if (f == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = f.node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw f.error(e.getKey(), "must be a string, got " + describe(v));
            }
            out.put(e.getKey(), v.asText());
        }
        return out;
    }

    List<String> stringList(String key) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode v : list(key)) {
            if (!v.isValueNode() || v.isNull()) {
                throw new InvalidSpecException(source, at(key) + "[" + i + "]", "must be a string, got "
                        + describe(v));
            }
            out.add(v.asText());
            i++;
        }
        return out;
    }

    List<Fields> objectList(String key) {
        List<Fields> out = new ArrayList<>();
        int i = 0;
        for (JsonNode v : list(key)) {
            out.add(of(v, at(key) + "[" + i++ + "]", source));
        }
        return out;
    }

    private List<JsonNode> list(String key) {
        JsonNode v = get(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(key, "must be a list, got " + describe(v));
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** Fails on the first field nobody asked about, listing the fields this mapping accepts. */
    void rejectUnknown() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                throw error(name, "is not a known field; " + (path.isEmpty() ? "the top level" : path)
                        + " accepts: " + String.join(", ", known));
            }
        }
    }

    /** A value as it would read in the file: strings quoted, mappings and lists by kind. */
    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return v.toString();
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.asText();
    }
}
