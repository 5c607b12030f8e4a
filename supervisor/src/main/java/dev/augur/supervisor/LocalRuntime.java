package dev.augur.supervisor;

/**
 * How local mode runs Augur's own components (predictors with a model, and transformers and explainers with Augur's
 * images): {@code augur.local.runtime}. Components with any other image run with podman either way.
 */
public enum LocalRuntime {
    /** As JVM processes from the packaged jars ({@code augur.local.*-jar}), on loopback. The default. */
    PROCESS,
    /**
     * As their images ({@code augur/predictor-jvm}, the spec's {@code augur/transformer-jvm}, ...) with podman, on the
     * same revisions, canary, scale to zero and restarts: what Kubernetes would run, on one machine.
     */
    CONTAINERS
}
