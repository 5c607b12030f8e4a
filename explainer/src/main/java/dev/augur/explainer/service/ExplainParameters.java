package dev.augur.explainer.service;

import dev.augur.explainer.config.ExplainerConfig;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.explain.ExplainJsonCodec;
import dev.augur.protocol.v1.V1JsonCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The method and its parameters for one request: the configuration, overridden by the request's parameters
 * ({@code method}, {@code seed}, {@code samples}, {@code kernel_width}, {@code discretize}, {@code threshold},
 * {@code beam_size}, {@code target}, {@code output}). Unknown names and wrong types are a 400 naming them.
 */
record ExplainParameters(String method, long seed, int samples, double kernelWidth, boolean discretize,
        double threshold, int beamSize, Integer target, String output) {

    static final List<String> METHODS = List.of("kernel-shap", "lime", "anchors");
    private static final Set<String> KNOWN = Set.of(ExplainJsonCodec.METHOD, "seed", "samples", "kernel_width",
            "discretize", "threshold", "beam_size", "target", "output", V1JsonCodec.CONTENT_TYPE);

    static ExplainParameters of(ExplainerConfig c, ModelData.Settings data, Map<String, Object> p) {
        for (String k : p.keySet()) {
            if (!KNOWN.contains(k)) {
                throw InferenceException.invalid("unknown explain parameter '" + k + "'; known: method, seed, "
                        + "samples, kernel_width, discretize, threshold, beam_size, target, output");
            }
        }
        String method = string(p, ExplainJsonCodec.METHOD, c.method());
        if (!METHODS.contains(method)) {
            throw InferenceException.invalid("unknown explanation method '" + method + "'; use one of " + METHODS);
        }
        int defaultSamples = method.equals("lime") ? c.lime().samples() : c.kernelShap().samples();
        int samples = (int) number(p, "samples", defaultSamples, 2, 1_000_000);
        Integer target = null;
        if (p.containsKey("target")) {
            target = (int) number(p, "target", 0, 0, 1_000_000);
        } else if (data.target().isPresent()) {
            target = data.target().getAsInt();
        }
        return new ExplainParameters(method, (long) number(p, "seed", c.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                samples, p.containsKey("kernel_width") ? positive(p, "kernel_width")
                        : c.lime().kernelWidth().orElse(Double.NaN),
                bool(p, "discretize", c.lime().discretize()),
                p.containsKey("threshold") ? fraction(p, "threshold") : c.anchors().threshold(),
                (int) number(p, "beam_size", c.anchors().beamSize(), 1, 100), target,
                string(p, "output", data.output().orElse(null)));
    }

    /** What the explanation reports under {@code params}. */
    Map<String, Object> report(ExplainerConfig c, int features) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        switch (method) {
            case "kernel-shap" -> m.put("samples", (long) samples);
            case "lime" -> {
                m.put("samples", (long) samples);
                m.put("kernel_width", Double.isNaN(kernelWidth) ? 0.75 * Math.sqrt(features) : kernelWidth);
                m.put("discretize", discretize);
                m.put("alpha", c.lime().alpha());
            }
            default -> {
                m.put("threshold", threshold);
                m.put("beam_size", (long) beamSize);
                m.put("delta", c.anchors().delta());
                m.put("tau", c.anchors().tau());
                m.put("batch_size", (long) c.anchors().batchSize());
            }
        }
        if (target != null) {
            m.put("target", (long) target);
        }
        return m;
    }

    private static String string(Map<String, Object> p, String k, String fallback) {
        Object v = p.get(k);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw InferenceException.invalid("explain parameter '" + k + "' must be a string, got " + v);
        }
        return s;
    }

    private static long number(Map<String, Object> p, String k, long fallback, long min, long max) {
        Object v = p.get(k);
        if (v == null) {
            return fallback;
        }
        long n;
        if (v instanceof Long l) {
            n = l;
        } else if (v instanceof Double d && d == Math.rint(d)) {
            n = d.longValue();
        } else {
            throw InferenceException.invalid("explain parameter '" + k + "' must be an integer, got " + v);
        }
        if (n < min || n > max) {
            throw InferenceException.invalid("explain parameter '" + k + "' must be in [" + min + ", " + max
                    + "], got " + n);
        }
        return n;
    }

    private static double real(Map<String, Object> p, String k) {
        Object v = p.get(k);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw InferenceException.invalid("explain parameter '" + k + "' must be a number, got " + v);
    }

    private static double positive(Map<String, Object> p, String k) {
        double d = real(p, k);
        if (!(d > 0)) {
            throw InferenceException.invalid("explain parameter '" + k + "' must be > 0, got " + d);
        }
        return d;
    }

    private static double fraction(Map<String, Object> p, String k) {
        double d = real(p, k);
        if (!(d > 0 && d <= 1)) {
            throw InferenceException.invalid("explain parameter '" + k + "' must be in (0, 1], got " + d);
        }
        return d;
    }

    private static boolean bool(Map<String, Object> p, String k, boolean fallback) {
        Object v = p.get(k);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw InferenceException.invalid("explain parameter '" + k + "' must be true or false, got " + v);
    }
}
