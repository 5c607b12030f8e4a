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
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw bad(name, "a string", v);
    }

    public String requiredString(String name) {
        String s = string(name, null);
        if (s == null) {
            throw missing(name);
        }
        return s;
    }

    public double number(String name, double fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw bad(name, "a number", v);
    }

    public int integer(String name, int fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        throw bad(name, "an integer", v);
    }

    public boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(name, "true or false", v);
    }

    public List<Object> list(String name) {
        Object v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw bad(name, "a list", v);
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
