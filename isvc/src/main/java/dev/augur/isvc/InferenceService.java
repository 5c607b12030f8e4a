package dev.augur.isvc;

import java.util.Map;
import java.util.Optional;

/**
 * One KServe {@code serving.kserve.io/v1beta1} InferenceService, as written in its file.
 *
 * @param source      where it was read from (a file path, or a name given by the caller), for messages
 * @param name        {@code metadata.name}: a DNS-1035 label
 * @param namespace   {@code metadata.namespace}; {@value #DEFAULT_NAMESPACE} when the file omits it, as kubectl does
 * @param labels      {@code metadata.labels}
 * @param annotations {@code metadata.annotations}
 * @param predictor   {@code spec.predictor}, always present
 * @param transformer {@code spec.transformer}
 * @param explainer   {@code spec.explainer}
 */
public record InferenceService(String source, String name, String namespace, Map<String, String> labels,
        Map<String, String> annotations, Component predictor, Optional<Component> transformer,
        Optional<Component> explainer) {

    /** KServe's apiVersion: what local mode's files hold. */
    public static final String API_VERSION = "serving.kserve.io/v1beta1";
    /** Augur's own CRD ({@code serving.augur.dev}), so it can live in a cluster beside KServe's. */
    public static final String AUGUR_API_VERSION = "serving.augur.dev/v1beta1";
    public static final String KIND = "InferenceService";
    public static final String DEFAULT_NAMESPACE = "default";

    public InferenceService {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The component of that kind, if the spec has one. */
    public Optional<Component> component(ComponentKind kind) {
        return switch (kind) {
            case PREDICTOR -> Optional.of(predictor);
            case TRANSFORMER -> transformer;
            case EXPLAINER -> explainer;
        };
    }
}
