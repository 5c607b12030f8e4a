package dev.augur.client;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import io.grpc.Status;
import java.net.ConnectException;

/**
 * A component's failure in the error model, in one wording for every caller: the failures a client cannot act on
 * (unreachable, too slow, cancelled) name the component; a component's own error keeps its message.
 */
final class Failures {
    private Failures() {
    }

    static InferenceException of(Peer peer, Throwable t) {
        if (t instanceof InferenceException e) {
            return e;
        }
        if (!(t instanceof io.grpc.StatusRuntimeException) && !(t instanceof io.grpc.StatusException)) {
            return new InferenceException(ErrorCode.INTERNAL, "call to " + peer.who() + " failed: "
                    + t.getClass().getSimpleName());
        }
        Status s = Status.fromThrowable(t);
        String who = peer.who();
        return switch (s.getCode()) {
            case UNAVAILABLE -> InferenceException.unavailable(who + " is unavailable: " + describe(s));
            case DEADLINE_EXCEEDED -> new InferenceException(ErrorCode.DEADLINE_EXCEEDED, who
                    + " did not answer within its deadline" + timeout(peer));
            case CANCELLED -> new InferenceException(ErrorCode.UNAVAILABLE, who + " call was cancelled: "
                    + describe(s));
            default -> new InferenceException(ErrorTable.fromGrpc(s.getCode()), s.getDescription() == null
                    ? who + " failed with " + s.getCode() : s.getDescription());
        };
    }

    /** An answer that arrived but cannot be decoded. */
    static InferenceException unreadable(Peer peer, RuntimeException e) {
        return new InferenceException(ErrorCode.INTERNAL, "the answer of " + peer.who() + " cannot be read: "
                + e.getMessage());
    }

    private static String timeout(Peer peer) {
        if (peer.timeout() == null) {
            return "";
        }
        long ms = peer.timeout().toMillis();
        return ms % 1000 == 0 ? " (timeout " + ms / 1000 + " s)" : " (timeout " + ms + " ms)";
    }

    private static String describe(Status s) {
        if (s.getCause() instanceof ConnectException) {
            return "connection refused";
        }
        return s.getDescription() != null ? s.getDescription()
                : s.getCause() != null ? s.getCause().getMessage() : s.getCode().name();
    }
}
