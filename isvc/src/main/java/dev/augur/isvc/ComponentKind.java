package dev.augur.isvc;

/** The three components of an InferenceService, named as in the spec and in KServe's resource names. */
public enum ComponentKind {
    PREDICTOR("predictor"),
    TRANSFORMER("transformer"),
    EXPLAINER("explainer");

    private final String field;

    ComponentKind(String field) {
        this.field = field;
    }

    /** The field under {@code spec}, also the suffix KServe gives the component's objects ({@code iris-predictor}). */
    public String field() {
        return field;
    }
}
