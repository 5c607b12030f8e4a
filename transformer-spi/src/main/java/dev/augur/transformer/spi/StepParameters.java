package dev.augur.transformer.spi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A step's parameters as read from the pipeline file: plain values (String, Long, Double, Boolean, List, Map with
 * String keys). Typed getters fail with {@link IllegalArgumentException} naming the step and parameter.
 */
public final class StepParameters {
    private final String step;
    private final Map<String, Object> values;
    private final Path baseDirectory;

    /**
     * @param baseDirectory relative file parameters are resolved against it (the pipeline file's folder)
     */
    public StepParameters(String step, Map<String, Object> values, Path baseDirectory) {
        this.step = step;
        this.values = values == null ? Map.of() : values;
        this.baseDirectory = baseDirectory == null ? Path.of(".") : baseDirectory;
    }

    /** A file parameter, resolved against the pipeline file's folder when relative; null when absent. */
    public Path path(String name) {
        String s = string(name, null);
        return s == null ? null : baseDirectory.resolve(s);
    }

    public String step() {
        return step;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Object raw(String name) {
        return values.get(name);
    }

    public String string(String name, String fallback) {
        String s = typed(name, String.class, "a string");
        return s == null ? fallback : s;
    }

    public String requiredString(String name) {
        String s = string(name, null);
        if (s == null) {
            throw missing(name);
        }
        return s;
    }

    /** A string that must be one of {@code allowed}; {@code fallback} when absent. */
    public String choice(String name, String fallback, String... allowed) {
        String s = string(name, fallback);
        if (!List.of(allowed).contains(s)) {
            throw bad(name, String.join(" or ", allowed), s);
        }
        return s;
    }

    public double number(String name, double fallback) {
        Number n = typed(name, Number.class, "a number");
        return n == null ? fallback : n.doubleValue();
    }

    public int integer(String name, int fallback) {
        Number n = typed(name, Number.class, "an integer");
        if (n == null) {
            return fallback;
        }
        if (n.doubleValue() != Math.rint(n.doubleValue())) {
            throw bad(name, "an integer", n);
        }
        return n.intValue();
    }

    public boolean bool(String name, boolean fallback) {
        Boolean b = typed(name, Boolean.class, "true or false");
        return b == null ? fallback : b;
    }

    public List<Object> list(String name) {
        List<?> l = typed(name, List.class, "a list");
        return l == null ? null : new ArrayList<>(l);
    }

    /** The value as {@code type}, null when absent; a {@link #bad} naming {@code expected} when of another type. */
    private <T> T typed(String name, Class<T> type, String expected) {
        Object v = values.get(name);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        throw bad(name, expected, v);
    }

    /** A list of numbers; null when absent. */
    public double[] numbers(String name) {
        List<Object> l = list(name);
        if (l == null) {
            return null;
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(l.get(i) instanceof Number n)) {
                throw bad(name + "[" + i + "]", "a number", l.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    public IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("step '" + step + "': parameter '" + name + "' is required");
    }

    public IllegalArgumentException bad(String name, String expected, Object got) {
        return new IllegalArgumentException("step '" + step + "': parameter '" + name + "' must be " + expected
                + ", got " + (got instanceof String ? "'" + got + "'" : String.valueOf(got)));
    }
}
