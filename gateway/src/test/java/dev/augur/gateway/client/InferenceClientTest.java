package dev.augur.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.catalog.Endpoint;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.InferenceException;
import io.grpc.Status;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InferenceClientTest {
    private static final Endpoint IRIS = new Endpoint("iris-predictor", "iris-predictor-00001", "127.0.0.1", 9000,
            Duration.ofSeconds(3));

    @Test
    void refusedConnectionIsSafeToRetry() {
        assertTrue(InferenceClient.neverSent(Status.UNAVAILABLE.withCause(new ConnectException("refused"))
                .asRuntimeException()));
    }

    @Test
    void unavailableAfterSendingIsNotRetried() {
        assertFalse(InferenceClient.neverSent(Status.UNAVAILABLE.withDescription("connection reset")
                .asRuntimeException()));
        assertFalse(InferenceClient.neverSent(Status.DEADLINE_EXCEEDED.asRuntimeException()));
    }

    @Test
    void deadlineNamesTheComponentAndItsTimeout() {
        InferenceException e = InferenceClient.failure(IRIS, Status.DEADLINE_EXCEEDED.asRuntimeException());
        assertEquals(ErrorCode.DEADLINE_EXCEEDED, e.code());
        assertEquals("component 'iris-predictor' (revision iris-predictor-00001 at 127.0.0.1:9000) did not answer "
                + "within its deadline (timeout 3 s)", e.getMessage());
    }

    @Test
    void unavailableNamesTheComponent() {
        InferenceException e = InferenceClient.failure(IRIS, Status.UNAVAILABLE
                .withCause(new ConnectException("refused")).asRuntimeException());
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertTrue(e.getMessage().startsWith("component 'iris-predictor'"), e.getMessage());
    }

    @Test
    void modelErrorsKeepTheComponentsMessage() {
        InferenceException e = InferenceClient.failure(IRIS, Status.INVALID_ARGUMENT
                .withDescription("input 'x' is missing").asRuntimeException());
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("input 'x' is missing", e.getMessage());
    }
}
