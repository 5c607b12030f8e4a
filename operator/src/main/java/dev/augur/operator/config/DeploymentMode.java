package dev.augur.operator.config;

import java.util.Locale;
import java.util.Map;

/** KServe's deployment modes, as its {@code serving.kserve.io/deploymentMode} annotation names them. */
public enum DeploymentMode {
    /** Knative Services: revisions, traffic split, scale to zero. */
    SERVERLESS,
    /** Deployments, Services and HPAs ({@code Standard}, formerly {@code RawDeployment}). */
    STANDARD;

    /** KServe's annotation; Augur reads it so KServe YAML keeps its meaning. */
    public static final String KSERVE_ANNOTATION = "serving.kserve.io/deploymentMode";
    /** Augur's own spelling of the same annotation. */
    public static final String ANNOTATION = "serving.augur.dev/deploymentMode";

    private static final Map<String, DeploymentMode> NAMES = Map.of("serverless", SERVERLESS, "standard", STANDARD,
            "rawdeployment", STANDARD);

    /** The mode a value names, or null when it names none (the caller says where the value came from). */
    public static DeploymentMode parse(String value) {
        return value == null ? null : NAMES.get(value.trim().toLowerCase(Locale.ROOT));
    }

    /** The mode chosen by an InferenceService's annotations, else {@code fallback}. */
    public static DeploymentMode of(Map<String, String> annotations, DeploymentMode fallback) {
        String value = annotations.getOrDefault(ANNOTATION, annotations.get(KSERVE_ANNOTATION));
        if (value == null) {
            return fallback;
        }
        DeploymentMode mode = parse(value);
        if (mode == null) {
            throw new IllegalArgumentException("annotation deploymentMode must be Serverless, Standard or "
                    + "RawDeployment, got \"" + value + "\"");
        }
        return mode;
    }
}
