package dev.augur.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import io.grpc.Status;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one wording of a component's failures. */
class FailuresTest {
    private static final Peer IRIS = new Peer("iris-predictor", "iris-predictor-00001", "127.0.0.1", 9000,
            Duration.ofSeconds(3), null);

    @Test
    void refusedConnectionIsSafeToRetry() {
        assertTrue(RetryPolicy.neverSent(Status.UNAVAILABLE.withCause(new ConnectException("refused"))
                .asRuntimeException()));
    }

    @Test
    void unavailableAfterSendingIsNotRetried() {
        assertFalse(RetryPolicy.neverSent(Status.UNAVAILABLE.withDescription("connection reset")
                .asRuntimeException()));
        assertFalse(RetryPolicy.neverSent(Status.DEADLINE_EXCEEDED.asRuntimeException()));
    }

    @Test
    void deadlineNamesTheComponentAndItsTimeout() {
        InferenceException e = Failures.of(IRIS, Status.DEADLINE_EXCEEDED.asRuntimeException());
        assertEquals(ErrorCode.DEADLINE_EXCEEDED, e.code());
        assertEquals("component 'iris-predictor' (revision iris-predictor-00001 at 127.0.0.1:9000) did not answer "
                + "within its deadline (timeout 3 s)", e.getMessage());
    }

    @Test
    void unavailableNamesTheComponent() {
        InferenceException e = Failures.of(IRIS, Status.UNAVAILABLE
                .withCause(new ConnectException("refused")).asRuntimeException());
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().startsWith("component 'iris-predictor'"), e.getMessage());
    }

    @Test
    void aPredictorWithoutRevisionIsNamedByItsAddress() {
        Peer predictor = Peer.at("predictor", "127.0.0.1:9000", Duration.ofMillis(1500), null);
        InferenceException e = Failures.of(predictor, Status.DEADLINE_EXCEEDED.asRuntimeException());
        assertEquals("predictor at 127.0.0.1:9000 did not answer within its deadline (timeout 1500 ms)", e.getMessage());
    }

    @Test
    void modelErrorsKeepTheComponentsMessage() {
        InferenceException e = Failures.of(IRIS, Status.INVALID_ARGUMENT
                .withDescription("input 'x' is missing").asRuntimeException());
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("input 'x' is missing", e.getMessage());
    }
}
