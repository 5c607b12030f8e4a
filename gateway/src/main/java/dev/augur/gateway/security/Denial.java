package dev.augur.gateway.security;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;

/**
 * A refused request: UNAUTHENTICATED (401), PERMISSION_DENIED (403) or RESOURCE_EXHAUSTED (429, a quota). The
 * message is what the client reads: it helps and names no secret; {@code reason} is for the audit line only.
 */
public final class Denial extends InferenceException {
    private final String reason;
    private final long retryAfterSeconds;

    private Denial(ErrorCode code, String message, String reason, long retryAfterSeconds) {
        super(code, message);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static Denial unauthenticated(String message, String reason) {
        return new Denial(ErrorCode.UNAUTHENTICATED, message, reason, 0);
    }

    public static Denial forbidden(String message, String reason) {
        return new Denial(ErrorCode.PERMISSION_DENIED, message, reason, 0);
    }

    public static Denial exhausted(String message, String reason, long retryAfterSeconds) {
        return new Denial(ErrorCode.RESOURCE_EXHAUSTED, message, reason, retryAfterSeconds);
    }

    public String reason() {
        return reason;
    }

    /** Seconds until a retry can succeed ({@code Retry-After}); 0 for 401 and 403. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Refusals are answers, not failures: no stack to collect on a path an attacker can drive.
        return this;
    }
}
