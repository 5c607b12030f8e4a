package dev.augur.isvc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private sealed interface Part permits Key, This, Count, Query, Multi {
    }

    private record Key(String name) implements Part {
    }

    private record This() implements Part {
    }

    private record Count() implements Part {
    }

    private record Multi(List<List<Part>> paths) implements Part {
    }

    /** {@code #(path op value)}; {@code op} null for an existence test; {@code all} for {@code #(...)#}. */
    private record Query(List<Part> path, String op, String value, Pattern glob, boolean all) implements Part {
    }

    private final String expression;
    private final List<Part> path;

    private Condition(String expression, List<Part> path) {
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
            return new Condition(expression, path(expression, true));
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

    private static JsonNode eval(List<Part> parts, int i, JsonNode cur) {
        if (cur == null || i == parts.size()) {
            return cur;
        }
        Part p = parts.get(i);
        if (p instanceof This) {
            return eval(parts, i + 1, cur);
        }
        if (p instanceof Key k) {
            JsonNode next = null;
            if (cur.isObject()) {
                next = cur.get(k.name());
            } else if (cur.isArray() && isIndex(k.name())) {
                next = cur.get(Integer.parseInt(k.name()));
            }
            return eval(parts, i + 1, next);
        }
        if (p instanceof Multi m) {
            ArrayNode out = NODES.arrayNode();
            for (List<Part> sub : m.paths()) {
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
        if (p instanceof Count) {
            if (i + 1 == parts.size()) {
                return IntNode.valueOf(cur.size());
            }
            return each(parts, i + 1, cur);
        }
        Query q = (Query) p;
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
    private static JsonNode each(List<Part> parts, int from, JsonNode array) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode e : array) {
            JsonNode v = eval(parts, from, e);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean matches(Query q, JsonNode element) {
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

    // ---- parsing ----------------------------------------------------------------------------------------------

    private static List<Part> path(String s, boolean top) {
        List<Part> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        if (s.startsWith("..")) {
            throw new IllegalArgumentException("JSON lines ('..') are not supported");
        }
        List<String> pieces = split(s, '.');
        for (int i = 0; i < pieces.size(); i++) {
            out.add(part(pieces.get(i), i == 0));
        }
        return out;
    }

    private static Part part(String p, boolean first) {
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty path element");
        }
        char c = p.charAt(0);
        if (c == '[') {
            if (!first || !p.endsWith("]")) {
                throw new IllegalArgumentException("a multipath [..] is supported only at the start of the path");
            }
            List<List<Part>> paths = new ArrayList<>();
            for (String sub : split(p.substring(1, p.length() - 1), ',')) {
                paths.add(path(sub.trim(), false));
            }
            return new Multi(List.copyOf(paths));
        }
        if (c == '{') {
            throw new IllegalArgumentException("object multipaths ({..}) are not supported");
        }
        if (c == '@') {
            if (p.equals("@this")) {
                return new This();
            }
            throw new IllegalArgumentException("modifier " + p + " is not supported (only @this)");
        }
        if (c == '!' || c == '"') {
            throw new IllegalArgumentException("literals are not supported");
        }
        if (p.equals("#")) {
            return new Count();
        }
        if (p.startsWith("#(")) {
            boolean all = p.endsWith(")#");
            if (!all && !p.endsWith(")")) {
                throw new IllegalArgumentException("query " + p + " is not closed");
            }
            return query(p.substring(2, p.length() - (all ? 2 : 1)), all);
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char ch = p.charAt(i);
            if (ch == '\\' && i + 1 < p.length()) {
                key.append(p.charAt(++i));
            } else if (ch == '*' || ch == '?') {
                throw new IllegalArgumentException("wildcards ('*', '?') are not supported");
            } else if (ch == '|') {
                throw new IllegalArgumentException("pipes ('|') are not supported");
            } else if (ch == '#' || ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == ',') {
                throw new IllegalArgumentException("'" + ch + "' in path element \"" + p + "\"");
            } else {
                key.append(ch);
            }
        }
        return new Key(key.toString());
    }

    private static Query query(String inner, boolean all) {
        if (inner.contains("#(")) {
            throw new IllegalArgumentException("nested queries are not supported");
        }
        int at = -1;
        boolean quoted = false;
        for (int i = 0; i < inner.length() && at < 0; i++) {
            char ch = inner.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '=' || ch == '!' || ch == '<' || ch == '>' || ch == '%')) {
                at = i;
            }
        }
        if (at < 0) {
            return new Query(path(inner.trim(), false), null, null, null, all);
        }
        String rest = inner.substring(at);
        String op = null;
        for (String candidate : List.of("==", "!=", "<=", ">=", "!%", "=", "<", ">", "%")) {
            if (rest.startsWith(candidate)) {
                op = candidate;
                break;
            }
        }
        if (op == null) {
            throw new IllegalArgumentException("unknown operator in query #(" + inner + ")");
        }
        String raw = rest.substring(op.length()).trim();
        if (raw.isEmpty()) {
            throw new IllegalArgumentException("query #(" + inner + ") has no value after " + op);
        }
        String value = raw;
        if (raw.startsWith("\"")) {
            try {
                JsonNode s = JSON.readTree(raw);
                if (!s.isTextual()) {
                    throw new IllegalArgumentException("bad string " + raw + " in query #(" + inner + ")");
                }
                value = s.asText();
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("bad string " + raw + " in query #(" + inner + ")");
            }
        }
        Pattern glob = op.endsWith("%") ? glob(value) : null;
        return new Query(path(inner.substring(0, at).trim(), false), op, value, glob, all);
    }

    private static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '*' || ch == '?') {
                if (!literal.isEmpty()) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Splits at {@code sep} outside brackets, parentheses and quotes; a backslash escapes the next character. */
    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (ch == '(' || ch == '[' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == ']' || ch == '}') {
                depth--;
                if (depth < 0) {
                    throw new IllegalArgumentException("unbalanced '" + ch + "'");
                }
            } else if (ch == sep && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0 || quoted) {
            throw new IllegalArgumentException(quoted ? "unclosed quote" : "unbalanced brackets");
        }
        out.add(s.substring(start));
        return out;
    }
}
