package dev.augur.operator.plan;

/**
 * A valid KServe spec that this cluster cannot run (a model format Augur's predictor does not serve, a storage
 * scheme it cannot fetch, a canary in standard mode...). Reported in the InferenceService's status, never retried.
 */
public class UnsupportedSpecException extends RuntimeException {
    private final String reason;

    public UnsupportedSpecException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** A CamelCase reason for the status condition, e.g. {@code UnsupportedModelFormat}. */
    public String reason() {
        return reason;
    }
}
