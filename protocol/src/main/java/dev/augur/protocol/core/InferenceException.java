package dev.augur.protocol.core;

/** The one exception every layer throws for a failure the client should hear about. */
public class InferenceException extends RuntimeException {
    private final ErrorCode code;

    public InferenceException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public InferenceException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static InferenceException invalid(String message) {
        return new InferenceException(ErrorCode.INVALID_ARGUMENT, message);
    }

    public static InferenceException notFound(String message) {
        return new InferenceException(ErrorCode.NOT_FOUND, message);
    }

    public static InferenceException unavailable(String message) {
        return new InferenceException(ErrorCode.UNAVAILABLE, message);
    }
}
