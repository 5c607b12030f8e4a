package dev.augur.isvc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compiles a {@link Condition}'s GJSON expression into path parts, refusing (with the reason) what is outside the
 * supported subset. Kept apart from the evaluation so each stays small.
 */
final class GjsonPath {
    private static final ObjectMapper JSON = new ObjectMapper();

    sealed interface Part permits Key, This, Count, Query, Multi {
    }

    record Key(String name) implements Part {
    }

    record This() implements Part {
    }

    record Count() implements Part {
    }

    record Multi(List<List<Part>> paths) implements Part {
    }

    /** {@code #(path op value)}; {@code op} null for an existence test; {@code all} for {@code #(...)#}. */
    record Query(List<Part> path, String op, String value, Pattern glob, boolean all) implements Part {
    }

    private GjsonPath() {
    }

    /** The parts of a whole expression; IllegalArgumentException with the reason when it is outside the subset. */
    static List<Part> parse(String expression) {
        return path(expression, true);
    }

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
