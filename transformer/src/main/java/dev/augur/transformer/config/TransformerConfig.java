package dev.augur.transformer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The transformer's settings, read once at start-up. */
@ConfigMapping(prefix = "augur.transformer")
public interface TransformerConfig {
    /**
     * The pipeline (an InferenceService's {@code transformer} section): the path of a YAML file, or the YAML itself
     * when the value spans several lines. Env {@code AUGUR_TRANSFORMER_PIPELINE}.
     */
    @WithDefault("pipeline.yaml")
    String pipeline();

    /** Overrides the pipeline's {@code predictor.address} (host:port of the predictor's V2 gRPC port). */
    Optional<String> predictorAddress();

    /**
     * The {@code :authority} sent to the predictor address, for an address that routes by host (the gateway, a
     * Knative ingress): {@code <isvc>-predictor.<namespace>.<domain>}, as KServe's transformers reach their predictor.
     */
    Optional<String> predictorAuthority();

    /** Overrides the pipeline's {@code name}: the model name this transformer answers to (the InferenceService's). */
    Optional<String> modelName();

    /** Threads running pre- and post-processing; 0 means one per available processor. */
    @WithDefault("0")
    int threads();

    /** Requests waiting for a processing thread beyond those running; more get 429 / RESOURCE_EXHAUSTED. */
    @WithDefault("256")
    int maxQueueSize();

    /** Server name reported by {@code GET /v2}. */
    @WithDefault("augur-transformer")
    String serverName();
}
