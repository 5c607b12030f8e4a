package dev.augur.protocol.explain;

import java.util.List;
import java.util.Map;

/**
 * A protocol-neutral explanation: what {@link ExplainJsonCodec} writes as {@code {"explanations": {...}}}.
 *
 * @param method       {@code kernel-shap}, {@code lime} or {@code anchors}
 * @param modelName    the model explained
 * @param modelVersion its version as the predictor answered, or null
 * @param id           the request id
 * @param output       the model output explained (e.g. {@code probabilities}, {@code variable})
 * @param featureNames one name per feature column
 * @param params       the parameters the method ran with (numbers, strings, booleans)
 * @param modelCalls   ModelInfer calls made to the predictor
 * @param samples      rows the predictor evaluated
 * @param data         one result per explained instance, in request order
 */
public record Explanation(String method, String modelName, String modelVersion, String id, String output,
        List<String> featureNames, Map<String, Object> params, long modelCalls, long samples,
        List<Result> data) {

    /** The prediction being explained: {@code cls} is null for a regression output. */
    public record Prediction(double value, Integer cls, double[] outputs) {
    }

    /** One explained instance. */
    public sealed interface Result permits Shap, Lime, Anchor {
        double[] instance();

        Prediction prediction();
    }

    /** KernelSHAP: {@code sum(shapValues) = prediction.value - expectedValue}. */
    public record Shap(double[] instance, Prediction prediction, double expectedValue, double[] shapValues,
            int coalitions) implements Result {
    }

    /**
     * LIME: a weighted ridge surrogate {@code intercept + sum(coefficients[i] * z_i)}; {@code conditions[i]} says
     * what {@code z_i} is (the instance's bin of feature i when discretised, else the standardised feature).
     */
    public record Lime(double[] instance, Prediction prediction, double intercept, double[] coefficients,
            List<String> conditions, double score, double localPrediction) implements Result {
    }

    /** One predicate of an anchor on one feature: {@code lower < x <= upper}, either bound may be null. */
    public record Condition(int feature, String name, Double lower, Double upper) {
    }

    /**
     * Anchors: the rule ({@code anchor}, Alibi's names), its estimated precision and coverage; {@code valid} is
     * false when no rule reached the precision threshold and the best candidate is reported instead.
     */
    public record Anchor(double[] instance, Prediction prediction, List<String> anchor, List<Condition> conditions,
            double precision, double coverage, boolean valid) implements Result {
    }
}
