package dev.augur.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The gRPC column of the error table, as the Open Inference Protocol's gRPC statuses name them. */
class GrpcErrorsTest {

    @Test
    void notFoundIsNotFoundWithTheMessageAsDescription() {
        StatusException e = GrpcErrors.toStatusException(InferenceException.notFound("model 'x' not found"));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("model 'x' not found", e.getStatus().getDescription());
    }

    @Test
    void aBodyOverTheLimitIsResourceExhausted() {
        StatusException e = GrpcErrors.toStatusException(
                new InferenceException(ErrorCode.PAYLOAD_TOO_LARGE, "too large"));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    }

    @Test
    void aWrappedFailureIsMappedByItsCause() {
        StatusException e = GrpcErrors.toStatusException(new CompletionException(new CompletionException(
                InferenceException.unavailable("model 'x' is not ready"))));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals("model 'x' is not ready", e.getStatus().getDescription());
    }

    @Test
    void aStatusLeavesAsItIs() {
        StatusException e = GrpcErrors.toStatusException(
                Status.DEADLINE_EXCEEDED.withDescription("deadline").asRuntimeException());
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
        assertEquals("deadline", e.getStatus().getDescription());
    }

    @Test
    void anythingElseIsInternalNamedByItsClassNeverUnknown() {
        StatusException e = GrpcErrors.toStatusException(new IllegalStateException("secret"));
        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        assertEquals("internal error: IllegalStateException", e.getStatus().getDescription());
    }
}
