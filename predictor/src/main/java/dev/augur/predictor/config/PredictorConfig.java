package dev.augur.predictor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The predictor's settings, read once at start-up. */
@ConfigMapping(prefix = "augur")
public interface PredictorConfig {

    /** Folder of models: one sub-folder per model, with numbered version folders or the model file itself. */
    @WithName("model-repository")
    @WithDefault("./models")
    String modelRepository();

    /** Name reported by {@code GET /v2} and ServerMetadata. */
    @WithName("server-name")
    @WithDefault("augur-predictor")
    String serverName();

    /** Ready only when every model in the repository is READY (Triton's strict readiness). */
    @WithName("strict-readiness")
    @WithDefault("true")
    boolean strictReadiness();

    /** Defaults for each model; a model's {@code config.yaml} overrides them. */
    Models models();

    /** ONNX Runtime session settings. */
    Onnx onnx();

    interface Models {
        /** Requests executing at once per model (Triton's instance count). */
        @WithDefault("2")
        int instances();

        /** Requests waiting per model beyond those executing; more are refused with 429 / RESOURCE_EXHAUSTED. */
        @WithName("max-queue-size")
        @WithDefault("256")
        int maxQueueSize();

        /**
         * Models whose calls average less than this many microseconds run on the thread that received the request
         * instead of hopping to the model's executor: for a model as cheap as JSON parsing, the hop costs more than
         * the model. Measured continuously, so a model that gets slower moves back to its executor. 0 turns it off.
         */
        @WithName("inline-threshold-micros")
        @WithDefault("50")
        int inlineThresholdMicros();

        /**
         * Memory all loaded models may hold together (e.g. {@code 2G}); a load beyond it is refused with a clear
         * reason. Unset: no limit.
         */
        @WithName("memory-limit")
        java.util.Optional<io.quarkus.runtime.configuration.MemorySize> memoryLimit();
    }

    interface Onnx {
        /** Threads inside one operator; 1 suits small models on few cores, where requests run in parallel. */
        @WithName("intra-op-threads")
        @WithDefault("1")
        int intraOpThreads();

        /** Threads across independent operators. */
        @WithName("inter-op-threads")
        @WithDefault("1")
        int interOpThreads();
    }
}
