package dev.augur.transformer.steps;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorWriter;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named fields (one column tensor {@code [rows]} or {@code [rows, 1]} per field, as V1 rows of objects or V2 inputs
 * arrive) into one ordered {@code [rows, width]} tensor: numbers as they are or scaled (standard or min-max with the
 * given parameters), categories one-hot or through an index map, missing values by the declared policy.
 *
 * <pre>
 * - tabular:
 *     output: float_input          # the model's input name
 *     datatype: FP32               # or FP64
 *     unknown_fields: error        # or ignore
 *     features:
 *       - sepal_length             # a number, required
 *       - {name: LotArea, scale: standard, mean: 10516.8, std: 9981.3, missing: {fill: 9478.5}}
 *       - {name: YearBuilt, scale: minmax, min: 1872, max: 2010}
 *       - {name: Neighborhood, one_hot: [CollgCr, Veenker, NoRidge], missing: zeros}
 *       - {name: KitchenQual, index: {Fa: 0, TA: 1, Gd: 2, Ex: 3}, missing: {fill: TA}}
 * </pre>
 *
 * A value is missing when its field is absent, a number is NaN (JSON {@code null} in V1) or a category is the empty
 * string. Policies: {@code error} (default: a 400 naming the field), {@code nan}, {@code zeros} (0, or an all-zero
 * one-hot) and {@code {fill: value}} (the value before scaling). A category outside the list is a 400 naming the field
 * and value unless {@code unknown_category: zeros} (one-hot) is set.
 */
final class TabularStep implements TransformStep {
    private final String output;
    private final DataType datatype;
    private final boolean ignoreUnknown;
    private final List<Feature> features;
    private final int width;
    private final Set<String> names = new HashSet<>();

    TabularStep(String output, DataType datatype, boolean ignoreUnknown, List<Feature> features) {
        this.output = output;
        this.datatype = datatype;
        this.ignoreUnknown = ignoreUnknown;
        this.features = List.copyOf(features);
        int w = 0;
        for (Feature f : features) {
            w += f.width();
            names.add(f.name());
        }
        this.width = w;
    }

    enum Missing { ERROR, NAN, ZEROS, FILL }

    /** One field's encoding, fixed at start-up. */
    record Feature(String name, boolean categorical, double offset, double divisor, Missing missing,
            double fillNumber, String fillCategory, Map<String, Integer> categories, boolean oneHot,
            boolean unknownZeros) {
        int width() {
            return oneHot ? categories.size() : 1;
        }
    }

    @Override
    public List<Tensor> apply(List<Tensor> tensors, StepContext context) {
        if (!ignoreUnknown) {
            for (Tensor t : tensors) {
                if (!names.contains(t.name())) {
                    throw InferenceException.invalid("unknown field '" + t.name() + "'; expected the fields "
                            + features.stream().map(f -> f.name()).toList());
                }
            }
        }
        int rows = -1;
        for (Feature f : features) {
            Tensor t = Tensors.find(tensors, f.name());
            if (t == null) {
                continue;
            }
            long[] s = t.shape();
            if (s.length == 0 || s.length > 2 || (s.length == 2 && s[1] != 1)) {
                throw InferenceException.invalid("field '" + f.name() + "' must be one value per row ([rows] or "
                        + "[rows, 1]), got shape " + java.util.Arrays.toString(s));
            }
            if (rows >= 0 && s[0] != rows) {
                throw InferenceException.invalid("field '" + f.name() + "' has " + s[0] + " rows, other fields "
                        + rows);
            }
            rows = (int) s[0];
        }
        if (rows < 0) {
            throw InferenceException.invalid("field '" + features.get(0).name + "' is missing");
        }
        double[] out = new double[rows * width];
        int col = 0;
        for (Feature f : features) {
            Tensor t = Tensors.find(tensors, f.name());
            if (t == null && f.missing() == Missing.ERROR) {
                throw InferenceException.invalid("field '" + f.name() + "' is missing");
            }
            if (f.categorical()) {
                categorical(f, t, rows, out, col);
            } else {
                numeric(f, t, rows, out, col);
            }
            col += f.width();
        }
        TensorWriter w = new TensorWriter(output, datatype, out.length);
        for (double v : out) {
            w.putDouble(v);
        }
        Tensor result = Tensor.of(output, datatype, new long[] {rows, width}, w.finish());
        List<Tensor> rest = new ArrayList<>();
        rest.add(result);
        for (Tensor t : tensors) {
            if (!names.contains(t.name()) && !t.name().equals(output)) {
                rest.add(t);
            }
        }
        return ignoreUnknown ? List.of(result) : rest;
    }

    private void numeric(Feature f, Tensor t, int rows, double[] out, int col) {
        if (t != null && t.datatype() == DataType.BYTES) {
            throw InferenceException.invalid("field '" + f.name() + "' must be a number, got "
                    + (t.datatype() == DataType.BYTES ? "a string" : t.datatype().name()));
        }
        for (int r = 0; r < rows; r++) {
            double v = t == null ? Double.NaN : t.getDouble(r);
            if (Double.isNaN(v)) {
                switch (f.missing()) {
                    case ERROR -> throw InferenceException.invalid("field '" + f.name() + "' is missing in row " + r);
                    case NAN -> {
                        out[r * width + col] = Double.NaN;
                        continue;
                    }
                    case ZEROS -> {
                        out[r * width + col] = 0;
                        continue;
                    }
                    case FILL -> v = f.fillNumber();
                    default -> throw new IllegalStateException();
                }
            }
            out[r * width + col] = (v - f.offset()) / f.divisor();
        }
    }

    private void categorical(Feature f, Tensor t, int rows, double[] out, int col) {
        for (int r = 0; r < rows; r++) {
            String v = t == null ? "" : category(f, t, r);
            if (v.isEmpty()) {
                switch (f.missing()) {
                    case ERROR -> throw InferenceException.invalid("field '" + f.name() + "' is missing in row " + r);
                    case NAN -> {
                        for (int i = 0; i < f.width(); i++) {
                            out[r * width + col + i] = Double.NaN;
                        }
                        continue;
                    }
                    case ZEROS -> {
                        continue;
                    }
                    case FILL -> v = f.fillCategory();
                    default -> throw new IllegalStateException();
                }
            }
            Integer index = f.categories().get(v);
            if (index == null) {
                if (f.oneHot() && f.unknownZeros()) {
                    continue;
                }
                throw InferenceException.invalid("field '" + f.name() + "': unknown category '" + v + "'; expected one "
                        + "of " + f.categories().keySet());
            }
            if (f.oneHot()) {
                out[r * width + col + index] = 1;
            } else {
                out[r * width + col] = index;
            }
        }
    }

    /** A category from a string, or from an integral number (e.g. a numeric class code). */
    private static String category(Feature f, Tensor t, int r) {
        if (t.datatype() == DataType.BYTES) {
            return new String(t.elements()[r], StandardCharsets.UTF_8);
        }
        double d = t.getDouble(r);
        if (Double.isNaN(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        throw InferenceException.invalid("field '" + f.name() + "' must be a category (a string), got " + d);
    }

    static final class Provider extends BuiltInProvider {
        private static final Set<String> FEATURE_KEYS = Set.of("name", "scale", "mean", "std", "min", "max",
                "missing", "one_hot", "index", "unknown_category");

        Provider() {
            super("tabular", "output", "datatype", "features", "unknown_fields");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String output = p.requiredString("output");
            DataType type = DataType.valueOf(p.string("datatype", "FP32"));
            if (type != DataType.FP32 && type != DataType.FP64) {
                throw p.bad("datatype", "FP32 or FP64", type);
            }
            String unknown = p.choice("unknown_fields", "error", "error", "ignore");
            List<Object> list = p.list("features");
            if (list == null || list.isEmpty()) {
                throw p.missing("features");
            }
            List<Feature> features = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                features.add(feature(list.get(i), "features[" + i + "]"));
            }
            return new TabularStep(output, type, unknown.equals("ignore"), features);
        }

        @SuppressWarnings("unchecked")
        private static Feature feature(Object spec, String where) {
            if (spec instanceof String name) {
                return new Feature(name, false, 0, 1, Missing.ERROR, 0, null, null, false, false);
            }
            if (!(spec instanceof Map<?, ?> raw)) {
                throw new IllegalArgumentException(where + " must be a field name or a mapping");
            }
            Map<String, Object> m = (Map<String, Object>) raw;
            for (String k : m.keySet()) {
                if (!FEATURE_KEYS.contains(k)) {
                    throw new IllegalArgumentException(where + ": unknown key '" + k + "'; expected "
                            + new java.util.TreeSet<>(FEATURE_KEYS));
                }
            }
            StepParameters f = new StepParameters("tabular " + where, m, null);
            String name = f.requiredString("name");
            Missing missing = Missing.ERROR;
            Object fill = null;
            Object ms = m.get("missing");
            if (ms instanceof Map<?, ?> mm && mm.size() == 1 && mm.containsKey("fill")) {
                missing = Missing.FILL;
                fill = mm.get("fill");
            } else if (ms != null) {
                missing = switch (String.valueOf(ms)) {
                    case "error" -> Missing.ERROR;
                    case "nan" -> Missing.NAN;
                    case "zeros", "zero" -> Missing.ZEROS;
                    default -> throw f.bad("missing", "error, nan, zeros or {fill: value}", ms);
                };
            }
            boolean oneHot = m.containsKey("one_hot");
            boolean indexed = m.containsKey("index");
            if (oneHot || indexed) {
                if (oneHot && indexed) {
                    throw new IllegalArgumentException(where + " ('" + name + "'): one_hot and index exclude each "
                            + "other");
                }
                Map<String, Integer> cats = new LinkedHashMap<>();
                Object c = m.get(oneHot ? "one_hot" : "index");
                if (c instanceof List<?> l) {
                    for (Object o : l) {
                        cats.put(String.valueOf(o), cats.size());
                    }
                } else if (c instanceof Map<?, ?> cm && indexed) {
                    for (Map.Entry<?, ?> e : cm.entrySet()) {
                        if (!(e.getValue() instanceof Number n)) {
                            throw f.bad("index", "a mapping of category to number", c);
                        }
                        cats.put(String.valueOf(e.getKey()), n.intValue());
                    }
                } else {
                    throw f.bad(oneHot ? "one_hot" : "index", "a list of categories", c);
                }
                String unknownCategory = f.string("unknown_category", "error");
                if (!unknownCategory.equals("error") && !(unknownCategory.equals("zeros") && oneHot)) {
                    throw f.bad("unknown_category", oneHot ? "error or zeros" : "error", unknownCategory);
                }
                String fillCategory = fill == null ? null : String.valueOf(fill);
                if (fillCategory != null && !cats.containsKey(fillCategory)) {
                    throw f.bad("missing", "a fill value among the categories " + cats.keySet(), fillCategory);
                }
                return new Feature(name, true, 0, 1, missing, 0, fillCategory, cats, oneHot,
                        unknownCategory.equals("zeros"));
            }
            double offset = 0;
            double divisor = 1;
            String scale = f.string("scale", "none");
            switch (scale) {
                case "none" -> {
                }
                case "standard" -> {
                    offset = required(f, "mean");
                    divisor = required(f, "std");
                }
                case "minmax" -> {
                    offset = required(f, "min");
                    divisor = required(f, "max") - offset;
                }
                default -> throw f.bad("scale", "standard or minmax", scale);
            }
            if (divisor == 0) {
                throw new IllegalArgumentException(where + " ('" + name + "'): the scale divides by zero");
            }
            if (fill != null && !(fill instanceof Number)) {
                throw f.bad("missing", "{fill: <number>}", fill);
            }
            return new Feature(name, false, offset, divisor, missing, fill == null ? 0 : ((Number) fill).doubleValue(),
                    null, null, false, false);
        }

        private static double required(StepParameters f, String key) {
            if (!f.has(key)) {
                throw f.missing(key);
            }
            return f.number(key, 0);
        }
    }
}
