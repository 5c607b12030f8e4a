package dev.augur.isvc;

/**
 * A file that is not a valid InferenceService. The message names the file and the field path, e.g.
 * {@code examples/iris.yaml: spec.predictor.minReplicas must be a non-negative integer, got "x"}.
 */
public class InvalidSpecException extends RuntimeException {
    private final String source;
    private final String field;

    public InvalidSpecException(String source, String field, String problem) {
        super(source + ": " + (field == null || field.isEmpty() ? "" : field + " ") + problem, null, false, false);
        this.source = source;
        this.field = field;
    }

    /** The file (or caller-given name) the spec came from. */
    public String source() {
        return source;
    }

    /** The dotted field path ({@code spec.predictor.minReplicas}), or null for a whole-file problem. */
    public String field() {
        return field;
    }
}
