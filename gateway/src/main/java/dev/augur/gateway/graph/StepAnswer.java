package dev.augur.gateway.graph;

/**
 * What one step (or node) answered: an HTTP status and body, as KServe's router sees a step. A failing
 * InferenceService is an answer too (its error status and {@code {"error": ...}}), so Soft and Hard apply to it.
 */
record StepAnswer(int status, byte[] body) {

    boolean successful() {
        return status >= 200 && status <= 299;
    }
}
