package dev.augur.explainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The explainer's settings, read once at start-up: where the predictor is, the method and its parameters (the
 * InferenceService's {@code explainer} section), and the background data per model. Request parameters may
 * override the method and its parameters, never the predictor, the background or the limits.
 */
@ConfigMapping(prefix = "augur.explainer")
public interface ExplainerConfig {
    /** The predictor's {@code host:port} (V2 gRPC, h2c on its one port). */
    @WithDefault("localhost:8081")
    String predictor();

    /**
     * The {@code :authority} sent to {@link #predictor()} when that address routes by host (the gateway, a Knative
     * ingress): {@code <isvc>-predictor.<namespace>.<domain>}, as KServe's explainers reach their predictor.
     */
    Optional<String> predictorAuthority();

    /** The method when a request names none: {@code kernel-shap}, {@code lime} or {@code anchors}. */
    @WithDefault("kernel-shap")
    String method();

    /** Seed of every random draw; a given seed, request and model give the same explanation. */
    @WithDefault("0")
    long seed();

    /** Deadline of one explanation, all its predictor calls included. */
    @WithDefault("30s")
    Duration deadline();

    /** Most rows sent in one ModelInfer call; larger sample sets are split into calls of this size. */
    @WithDefault("20000")
    int maxBatchRows();

    /**
     * Background rows beyond this are subsampled (deterministically, by the seed). KernelSHAP evaluates every
     * coalition over the whole background, so its cost grows with this.
     */
    @WithDefault("200")
    int maxBackground();

    /** Defaults for every model ({@code augur.explainer.background}, ...); {@link #models()} overrides them. */
    @WithParentName
    Data defaults();

    /** Per-model data settings, keyed by model name ({@code augur.explainer.models."iris".background=...}). */
    Map<String, Data> models();

    KernelShap kernelShap();

    Lime lime();

    Anchors anchors();

    /** What the explainer must know about a model's data. */
    interface Data {
        /**
         * Background (training-like) rows: a file path ({@code .csv} with an optional header row, or {@code .json}
         * rows / an object with {@code instances}, {@code inputs} or {@code data}), or inline JSON rows
         * ({@code [[5.1, 3.5, 1.4, 0.2], ...]}). Required by every method.
         */
        Optional<String> background();

        /** Feature names, one per column; default {@code x0..xn-1} (or a CSV background's header). */
        Optional<List<String>> featureNames();

        /**
         * The output explained; default {@code probabilities} when the model has it, else its first output. With
         * several columns, the predicted class's column is explained (or {@link #target()}).
         */
        Optional<String> output();

        /** The output column to explain instead of the predicted class. */
        OptionalInt target();
    }

    interface KernelShap {
        /** Coalition budget (shap's {@code nsamples}); all {@code 2^M - 2} are enumerated when they fit. */
        @WithDefault("2048")
        int samples();
    }

    interface Lime {
        /** Perturbed samples, the instance included (LIME's {@code num_samples}). */
        @WithDefault("5000")
        int samples();

        /** Kernel width; default {@code 0.75 * sqrt(features)}, LIME's. */
        OptionalDouble kernelWidth();

        /** Quartile-discretised features (LIME's default) or continuous sampling from the background's stats. */
        @WithDefault("true")
        boolean discretize();

        /** Ridge penalty of the surrogate (LIME's {@code Ridge(alpha=1)}). */
        @WithDefault("1.0")
        double alpha();
    }

    interface Anchors {
        /** Precision an anchor must reach (Alibi's {@code threshold}). */
        @WithDefault("0.95")
        double threshold();

        /** Candidates kept per anchor size in the beam search. */
        @WithDefault("1")
        int beamSize();

        /** Confidence parameter of the bounds (Alibi's {@code delta}). */
        @WithDefault("0.1")
        double delta();

        /** KL-LUCB tolerance between the best candidates (Alibi's {@code tau}). */
        @WithDefault("0.15")
        double tau();

        /** Margin under the threshold a precision lower bound may have (Alibi's {@code epsilon_stop}). */
        @WithDefault("0.05")
        double epsilonStop();

        /** Samples drawn per candidate per round (Alibi's {@code batch_size}). */
        @WithDefault("100")
        int batchSize();

        /** Most predicates in an anchor; 0 = no limit. */
        @WithDefault("0")
        int maxAnchorSize();

        /** Most rows one anchor explanation may send to the model. */
        @WithDefault("100000")
        long maxSamples();
    }
}
