package dev.augur.isvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * A step's {@code condition}: the subset of GJSON (github.com/tidwall/gjson, what KServe's router evaluates) that
 * KServe's documentation and graph e2e tests use, checked when the spec is read. A condition matches when its path
 * exists in the JSON, as KServe's {@code gjson.GetBytes(...).Exists()}.
 *
 * <p>Supported: dotted paths ({@code predictions.0}, escaped {@code \.}), {@code @this}, {@code #} (array length,
 * or {@code #.key} over every element), queries {@code #(path op value)} (first match) and {@code #(...)#} (all
 * matches) with {@code ==}, {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code %} (glob)
 * and {@code !%}, or {@code #(path)} (exists), and a leading multipath {@code [a,b]} such as KServe's
 * {@code [@this].#(decision_picker==ERROR)}. Anything else (wildcards, pipes, modifiers other than {@code @this},
 * object multipaths, nested queries, JSON lines) is refused with the expression and the reason.
 */
public final class Condition {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String expression;
    private final List<GjsonPath.Part> path;

    private Condition(String expression, List<GjsonPath.Part> path) {
        this.expression = expression;
        this.path = path;
    }

    /**
     * Compiles an expression.
     *
     * @throws IllegalArgumentException naming the expression and what is outside the subset
     */
    public static Condition parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        try {
            return new Condition(expression, GjsonPath.parse(expression));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + expression + "\" is not supported: " + e.getMessage()
                    + " (Augur supports GJSON paths, @this, #, #(...) queries with comparisons and a leading [..] "
                    + "multipath)");
        }
    }

    public String expression() {
        return expression;
    }

    /** Whether the path exists in the document; a document that is not JSON (null) matches nothing. */
    public boolean matches(JsonNode document) {
        return document != null && eval(path, 0, document) != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Condition c && c.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }

    // ---- evaluation -------------------------------------------------------------------------------------------

    private static JsonNode eval(List<GjsonPath.Part> parts, int i, JsonNode cur) {
        if (cur == null || i == parts.size()) {
            return cur;
        }
        GjsonPath.Part p = parts.get(i);
        if (p instanceof GjsonPath.This) {
            return eval(parts, i + 1, cur);
        }
        if (p instanceof GjsonPath.Key k) {
            JsonNode next = null;
            if (cur.isObject()) {
                next = cur.get(k.name());
            } else if (cur.isArray() && isIndex(k.name())) {
                next = cur.get(Integer.parseInt(k.name()));
            }
            return eval(parts, i + 1, next);
        }
        if (p instanceof GjsonPath.Multi m) {
            ArrayNode out = NODES.arrayNode();
            for (List<GjsonPath.Part> sub : m.paths()) {
                JsonNode v = eval(sub, 0, cur);
                if (v != null) {
                    out.add(v);
                }
            }
            return eval(parts, i + 1, out);
        }
        if (!cur.isArray()) {
            return null;
        }
        if (p instanceof GjsonPath.Count) {
            if (i + 1 == parts.size()) {
                return IntNode.valueOf(cur.size());
            }
            return each(parts, i + 1, cur);
        }
        GjsonPath.Query q = (GjsonPath.Query) p;
        if (q.all()) {
            ArrayNode matched = NODES.arrayNode();
            cur.forEach(e -> {
                if (matches(q, e)) {
                    matched.add(e);
                }
            });
            return i + 1 == parts.size() ? matched : each(parts, i + 1, matched);
        }
        for (JsonNode e : cur) {
            if (matches(q, e)) {
                return eval(parts, i + 1, e);
            }
        }
        return null;
    }

    /** The rest of the path applied to every element, the values that exist collected (GJSON's {@code #.key}). */
    private static JsonNode each(List<GjsonPath.Part> parts, int from, JsonNode array) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode e : array) {
            JsonNode v = eval(parts, from, e);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean matches(GjsonPath.Query q, JsonNode element) {
        JsonNode v = eval(q.path(), 0, element);
        if (v == null) {
            return false;
        }
        if (q.op() == null) {
            return true;
        }
        String rpv = q.value();
        if (v.isTextual()) {
            String s = v.asText();
            int c = s.compareTo(rpv);
            return switch (q.op()) {
                case "==", "=" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "%" -> q.glob().matcher(s).matches();
                case "!%" -> !q.glob().matcher(s).matches();
                default -> false;
            };
        }
        if (v.isNumber()) {
            // GJSON compares numbers with the value read as a float; one that does not read is 0.
            double n = v.asDouble();
            double r;
            try {
                r = Double.parseDouble(rpv);
            } catch (NumberFormatException e) {
                r = 0;
            }
            return switch (q.op()) {
                case "==", "=" -> n == r;
                case "!=" -> n != r;
                case "<" -> n < r;
                case "<=" -> n <= r;
                case ">" -> n > r;
                case ">=" -> n >= r;
                default -> false;
            };
        }
        if (v.isBoolean()) {
            boolean equal = Boolean.toString(v.asBoolean()).equals(rpv);
            return switch (q.op()) {
                case "==", "=" -> equal;
                case "!=" -> !equal;
                default -> false;
            };
        }
        return false;
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
