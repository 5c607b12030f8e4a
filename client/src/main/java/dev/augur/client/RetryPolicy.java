package dev.augur.client;

import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;

/**
 * The one retry every component call gets: a call whose connection was refused is tried again, a few times, with a
 * doubling pause, while its deadline allows. Nothing reached the component, so repeating it cannot run a request
 * twice (an explanation that cost many predictor calls, a generation); every other failure, UNAVAILABLE after the
 * request may have been sent included, is final. Covers a component that just stopped listening (restarting, scaled
 * down meanwhile).
 *
 * @param attempts  calls at most, the first included
 * @param backoffMs pause before the second call; doubled before each further one
 */
public record RetryPolicy(int attempts, long backoffMs) {
    /** What every caller uses: 3 attempts, 25 then 50 ms apart. */
    public static final RetryPolicy CONNECT_REFUSED = new RetryPolicy(3, 25);

    public RetryPolicy {
        if (attempts < 1 || backoffMs < 0) {
            throw new IllegalArgumentException("attempts >= 1 and backoff >= 0, not " + attempts + ", " + backoffMs);
        }
    }

    /** Whether the call that failed with {@code failure} on its {@code attempt}-th try (from 1) is tried again. */
    public boolean retries(Throwable failure, int attempt, Deadline deadline) {
        return attempt < attempts && neverSent(failure) && (deadline == null || !deadline.isExpired());
    }

    /** The pause before attempt {@code attempt + 1}. */
    public long backoffMs(int attempt) {
        return backoffMs << (attempt - 1);
    }

    /** UNAVAILABLE because the connection was refused: the request never left the caller. */
    public static boolean neverSent(Throwable t) {
        if (!(t instanceof StatusRuntimeException e) || e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
            return false;
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
