package dev.augur.transformer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a pipeline file with Jackson's tree API (no binding onto classes, so nothing needs reflection in a native
 * image). Unknown keys are an error naming them:
 *
 * <pre>
 * name: iris                      # the model name clients call
 * predictor:                      # or just "host:port"
 *   address: localhost:8081
 *   model: iris-logreg            # the name at the predictor; default: name
 *   timeout_ms: 10000
 * preprocess:
 *   - tabular: {output: float_input, features: [sepal_length, sepal_width, petal_length, petal_width]}
 * postprocess:
 *   - softmax: {input: probabilities}
 * outputs: [label]                # optional: returned tensors, in order
 * </pre>
 */
public final class PipelineReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("name", "predictor", "preprocess", "postprocess", "outputs");
    private static final Set<String> PREDICTOR = Set.of("address", "model", "timeout_ms");

    private PipelineReader() {
    }

    /** Parses the YAML; {@code source} names it in errors. Fails with {@link IllegalArgumentException}. */
    public static PipelineSpec read(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a pipeline must be a mapping with 'name', 'predictor', "
                    + "'preprocess' and 'postprocess'");
        }
        unknownKeys(root, TOP, source);
        String name = text(root, "name", source, null);
        if (name == null) {
            throw new IllegalArgumentException(source + ": 'name' (the model name clients call) is required");
        }
        String address = null;
        String model = name;
        long timeout = 30_000;
        JsonNode p = root.get("predictor");
        if (p != null && p.isTextual()) {
            address = p.asText();
        } else if (p != null && p.isObject()) {
            unknownKeys(p, PREDICTOR, source + ": 'predictor'");
            address = text(p, "address", source + ": 'predictor'", null);
            model = text(p, "model", source + ": 'predictor'", name);
            JsonNode t = p.get("timeout_ms");
            if (t != null) {
                if (!t.canConvertToLong() || t.asLong() <= 0) {
                    throw new IllegalArgumentException(source + ": 'predictor.timeout_ms' must be a positive "
                            + "integer, got " + t);
                }
                timeout = t.asLong();
            }
        } else if (p != null && !p.isNull()) {
            throw new IllegalArgumentException(source + ": 'predictor' must be host:port or a mapping with "
                    + PREDICTOR);
        }
        List<String> outputs = new ArrayList<>();
        JsonNode o = root.get("outputs");
        if (o != null && !o.isNull()) {
            if (!o.isArray()) {
                throw new IllegalArgumentException(source + ": 'outputs' must be a list of tensor names");
            }
            o.forEach(n -> outputs.add(n.asText()));
        }
        return new PipelineSpec(name, address, model, timeout, steps(root, "preprocess", source),
                steps(root, "postprocess", source), List.copyOf(outputs));
    }

    private static List<PipelineSpec.StepSpec> steps(JsonNode root, String section, String source) {
        JsonNode list = root.get(section);
        List<PipelineSpec.StepSpec> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(source + ": '" + section + "' must be a list of steps");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String where = source + ": " + section + "[" + i + "]";
            if (s.isTextual()) {
                out.add(new PipelineSpec.StepSpec(s.asText(), Map.of(), where));
                continue;
            }
            if (!s.isObject() || s.size() != 1) {
                throw new IllegalArgumentException(where + ": a step is one key, the step's name, with its "
                        + "parameters as value (e.g. '- softmax: {input: scores}')");
            }
            String step = s.fieldNames().next();
            JsonNode params = s.get(step);
            if (params != null && !params.isNull() && !params.isObject()) {
                throw new IllegalArgumentException(where + ": the parameters of '" + step + "' must be a mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> values = params == null || params.isNull() ? Map.of()
                    : (Map<String, Object>) plain(params);
            out.add(new PipelineSpec.StepSpec(step, values, where + " '" + step + "'"));
        }
        return out;
    }

    /** A tree node as plain Java values: Map, List, String, Long, Double, Boolean or null. */
    public static Object plain(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), plain(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(c -> l.add(plain(c)));
            return l;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        return n.asText();
    }

    private static String text(JsonNode n, String key, String where, String fallback) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a string");
        }
        return v.asText();
    }

    private static void unknownKeys(JsonNode n, Set<String> known, String where) {
        List<String> unknown = new ArrayList<>();
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                unknown.add(k);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown key(s) " + unknown + "; expected "
                    + new java.util.TreeSet<>(known));
        }
    }
}
