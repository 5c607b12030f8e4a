package dev.augur.protocol.core;

/**
 * The one error model of the platform. Each transport maps these codes through its own single table
 * ({@link ErrorTable}); nothing else decides a status.
 */
public enum ErrorCode {
    /** The client sent something malformed or something the model does not take. */
    INVALID_ARGUMENT,
    /** Unknown model, version or route. */
    NOT_FOUND,
    /** The request body exceeds the configured limit. */
    PAYLOAD_TOO_LARGE,
    /** A per-model queue or concurrency limit is full; retry later. */
    RESOURCE_EXHAUSTED,
    /** The model or a component exists but cannot serve now (loading, failed, down). */
    UNAVAILABLE,
    /** The resource is not in the state the call needs (a batch job's results before it has finished). */
    FAILED_PRECONDITION,
    /** The call took longer than its deadline. */
    DEADLINE_EXCEEDED,
    /** The feature is not built. */
    UNIMPLEMENTED,
    /** No credential, or one the gateway cannot verify (unknown key, bad signature, expired, wrong audience). */
    UNAUTHENTICATED,
    /** A verified credential whose grant does not cover the verb or the service. */
    PERMISSION_DENIED,
    /** A bug or an unexpected runtime failure; the message never carries a stack trace. */
    INTERNAL
}
