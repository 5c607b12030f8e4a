package dev.augur.protocol.explain;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.Json;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.protocol.v2.V2JsonCodec;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The explain JSON shapes. Request bodies are KServe's: V1 {@code {"instances": [...], "parameters": {...}}} and V2
 * {@code {"inputs": [...], "parameters": {...}}}, decoded by the V1/V2 codecs (request {@code parameters} carry the
 * per-request overrides, e.g. {@code "method": "lime"}). The answer is {@code {"explanations": {...}}} as KServe's
 * explainers return it, with Alibi's field names for each method's data ({@code shap_values},
 * {@code expected_value}, {@code anchor}, {@code precision}, {@code coverage}; LIME's {@code intercept},
 * {@code score}, {@code local_pred}).
 */
public final class ExplainJsonCodec {
    /** Request parameter naming the method, as in the gRPC {@code ExplainRequest.method}. */
    public static final String METHOD = "method";

    private ExplainJsonCodec() {
    }

    /** {@code POST /v1/models/{m}:explain}. */
    public static InferenceRequest decodeV1(String model, byte[] body) {
        return V1JsonCodec.decodeRequest(model, body);
    }

    /** {@code POST /v2/models/{m}[/versions/{v}]/explain}; {@code jsonLength} as for infer (-1: all JSON). */
    public static InferenceRequest decodeV2(String model, String version, byte[] body, int jsonLength) {
        return V2JsonCodec.decodeRequest(model, version, body, jsonLength);
    }

    /**
     * Rows of numbers for a background data set: {@code [[...], ...]}, or an object whose {@code instances},
     * {@code inputs} or {@code data} field holds them (so a model's {@code reference.json} can be used as it is).
     */
    public static double[][] decodeRows(byte[] body, String where) {
        if (body.length == 0) {
            throw InferenceException.invalid(where + " is empty");
        }
        Object parsed = Json.parse(body, 0, body.length, p -> Json.any(p, p.nextToken()));
        Object rows = parsed;
        if (parsed instanceof Map<?, ?> m) {
            rows = m.containsKey("instances") ? m.get("instances")
                    : m.containsKey("inputs") ? m.get("inputs") : m.get("data");
            if (rows == null) {
                throw InferenceException.invalid(where + ": expected rows of numbers, or an object with "
                        + "'instances', 'inputs' or 'data'");
            }
        }
        if (!(rows instanceof List<?> list) || list.isEmpty()) {
            throw InferenceException.invalid(where + ": expected a non-empty array of rows");
        }
        double[][] out = new double[list.size()][];
        for (int r = 0; r < out.length; r++) {
            if (!(list.get(r) instanceof List<?> row) || row.isEmpty()) {
                throw InferenceException.invalid(where + ": row " + r + " is not a non-empty array of numbers");
            }
            if (r > 0 && row.size() != out[0].length) {
                throw InferenceException.invalid(where + ": row " + r + " has " + row.size() + " values, row 0 has "
                        + out[0].length);
            }
            out[r] = new double[row.size()];
            for (int c = 0; c < row.size(); c++) {
                if (!(row.get(c) instanceof Number n)) {
                    throw InferenceException.invalid(where + ": row " + r + ", column " + c + " is not a number");
                }
                out[r][c] = n.doubleValue();
            }
        }
        return out;
    }

    /** The {@code {"explanations": {...}}} document. */
    public static byte[] encode(Explanation e) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("explanations");
            g.writeStringField("method", e.method());
            g.writeStringField("name", alibiName(e.method()));
            g.writeStringField("model_name", e.modelName());
            Json.writeOptional(g, "model_version", e.modelVersion());
            Json.writeOptional(g, "id", e.id());
            g.writeStringField("output", e.output());
            Json.writeStrings(g, "feature_names", e.featureNames());
            g.writeFieldName("params");
            Json.writeParameters(g, e.params());
            g.writeNumberField("model_calls", e.modelCalls());
            g.writeNumberField("samples", e.samples());
            g.writeArrayFieldStart("data");
            for (Explanation.Result r : e.data()) {
                writeResult(g, r, e.featureNames());
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static String alibiName(String method) {
        return switch (method) {
            case "kernel-shap" -> "KernelShap";
            case "lime" -> "LimeTabular";
            case "anchors" -> "AnchorTabular";
            default -> method;
        };
    }

    private static void writeResult(JsonGenerator g, Explanation.Result r, List<String> names) throws IOException {
        g.writeStartObject();
        g.writeFieldName("instance");
        numbers(g, r.instance());
        Explanation.Prediction p = r.prediction();
        g.writeObjectFieldStart("prediction");
        if (p.cls() != null) {
            g.writeNumberField("class", p.cls());
        }
        number(g, "value", p.value());
        g.writeFieldName("outputs");
        numbers(g, p.outputs());
        g.writeEndObject();
        if (r instanceof Explanation.Shap s) {
            number(g, "expected_value", s.expectedValue());
            g.writeFieldName("shap_values");
            numbers(g, s.shapValues());
            attributions(g, names, s.shapValues());
            g.writeNumberField("coalitions", s.coalitions());
        } else if (r instanceof Explanation.Lime l) {
            number(g, "intercept", l.intercept());
            g.writeFieldName("coefficients");
            numbers(g, l.coefficients());
            attributions(g, l.conditions(), l.coefficients());
            number(g, "score", l.score());
            number(g, "local_pred", l.localPrediction());
        } else if (r instanceof Explanation.Anchor a) {
            Json.writeStrings(g, "anchor", a.anchor());
            number(g, "precision", a.precision());
            number(g, "coverage", a.coverage());
            g.writeBooleanField("valid", a.valid());
            g.writeArrayFieldStart("conditions");
            for (Explanation.Condition c : a.conditions()) {
                g.writeStartObject();
                g.writeNumberField("feature", c.feature());
                g.writeStringField("name", c.name());
                if (c.lower() != null) {
                    number(g, "lower", c.lower());
                }
                if (c.upper() != null) {
                    number(g, "upper", c.upper());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** {@code {"<name or condition>": value, ...}}, the readable view of per-feature numbers. */
    private static void attributions(JsonGenerator g, List<String> keys, double[] values) throws IOException {
        g.writeObjectFieldStart("attributions");
        for (int i = 0; i < values.length; i++) {
            number(g, keys.get(i), values[i]);
        }
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        g.writeFieldName(field);
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    private static void numbers(JsonGenerator g, double[] values) throws IOException {
        g.writeStartArray();
        for (double v : values) {
            if (Double.isFinite(v)) {
                g.writeNumber(v);
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
    }
}
