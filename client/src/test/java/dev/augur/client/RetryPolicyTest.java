package dev.augur.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The connect-refused retry, against real gRPC servers and real refused connections. */
class RetryPolicyTest {
    private static final ModelInferRequest IRIS = ModelInferRequest.newBuilder().setModelName("iris").build();

    /** Counts the calls the client starts (each attempt is one), without touching them. */
    private static final class Attempts implements ClientInterceptor {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                Channel next) {
            count.incrementAndGet();
            return next.newCall(method, options);
        }
    }

    private static Peer peer(int port) {
        return new Peer("iris-predictor", "iris-predictor-00001", "127.0.0.1", port, Duration.ofSeconds(10), null);
    }

    /** What grpc-java reports for a real call to a port nothing listens on. */
    private static Throwable refusedFailure() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", TestServer.closedPort()).usePlaintext()
                .build();
        try {
            return assertThrows(StatusRuntimeException.class, () -> GRPCInferenceServiceGrpc
                    .newBlockingStub(channel).modelInfer(IRIS));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRefusedConnectionIsTriedAgain() throws Exception {
        assertTrue(RetryPolicy.CONNECT_REFUSED.retries(refusedFailure(), 1, null));
    }

    @Test
    void aCallToARefusingPortIsAttemptedThreeTimes() throws Exception {
        Attempts attempts = new Attempts();
        try (ComponentClient client = new ComponentClient(List.of(attempts))) {
            CompletionException e = assertThrows(CompletionException.class, () -> client.inferBytes(
                    peer(TestServer.closedPort()), Forwarded.NONE, null,
                    io.vertx.core.buffer.Buffer.buffer(IRIS.toByteArray())).join());
            InferenceException failure = (InferenceException) e.getCause();
            assertEquals(ErrorCode.UNAVAILABLE, failure.code());
            assertTrue(failure.getMessage().startsWith("component 'iris-predictor' (revision iris-predictor-00001 at "
                    + "127.0.0.1:"), failure.getMessage());
            assertTrue(failure.getMessage().endsWith("is unavailable: connection refused"), failure.getMessage());
        }
        assertEquals(3, attempts.count.get());
    }

    @Test
    void unavailableFromARunningComponentIsNotRetried() throws Exception {
        try (TestServer server = TestServer.failing(Status.UNAVAILABLE.withDescription("model 'iris' is loading"));
                ComponentClient client = new ComponentClient(List.of())) {
            CompletionException e = assertThrows(CompletionException.class, () -> client.call(peer(server.port()),
                    Forwarded.NONE, null, GRPCInferenceServiceGrpc.getModelInferMethod(), IRIS).join());
            assertEquals(ErrorCode.UNAVAILABLE, ((InferenceException) e.getCause()).code());
            assertEquals(1, server.calls.get());
        }
    }

    @Test
    void theLastAttemptIsNotRetried() throws Exception {
        Throwable refused = refusedFailure();
        assertTrue(RetryPolicy.CONNECT_REFUSED.retries(refused, 2, null));
        assertFalse(RetryPolicy.CONNECT_REFUSED.retries(refused, 3, null));
    }

    @Test
    void aCallPastItsDeadlineIsNotRetried() throws Exception {
        Throwable refused = refusedFailure();
        Deadline past = Deadline.after(-1, TimeUnit.SECONDS);
        assertFalse(RetryPolicy.CONNECT_REFUSED.retries(refused, 1, past));
    }

    @Test
    void unavailableWithoutARefusedConnectionMayHaveBeenSent() {
        assertFalse(RetryPolicy.neverSent(Status.UNAVAILABLE.withDescription("connection reset")
                .asRuntimeException()));
        assertFalse(RetryPolicy.neverSent(Status.DEADLINE_EXCEEDED.asRuntimeException()));
    }

    @Test
    void theBackoffDoubles() {
        assertEquals(25, RetryPolicy.CONNECT_REFUSED.backoffMs(1));
        assertEquals(50, RetryPolicy.CONNECT_REFUSED.backoffMs(2));
    }

    @Test
    void aRunningComponentAnswersOnTheFirstAttempt() throws Exception {
        Attempts attempts = new Attempts();
        try (TestServer server = TestServer.answering();
                ComponentClient client = new ComponentClient(List.of(attempts))) {
            var answer = client.call(peer(server.port()), Forwarded.NONE, null,
                    GRPCInferenceServiceGrpc.getModelInferMethod(), IRIS).join();
            assertEquals("answered-iris", answer.getId());
        }
        assertEquals(1, attempts.count.get());
    }
}
