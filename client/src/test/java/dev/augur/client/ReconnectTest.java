package dev.augur.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A component that starts listening on an address whose connections were refused (started after its first callers,
 * or restarted in place) is reached by the next call, not after grpc-java's reconnect back-off (1 s growing to
 * 120 s). Real servers, real refused connections; the calls come from a plain thread and from a Vert.x event loop
 * (the gateway's per-loop channels).
 */
class ReconnectTest {
    private static final ModelInferRequest IRIS = ModelInferRequest.newBuilder().setModelName("iris").build();
    /** Refused calls before the component starts: each one is 3 attempts, so the back-off has grown. */
    private static final int REFUSED_CALLS = 6;

    private static Peer peer(int port) {
        return new Peer("iris-predictor", "iris-predictor-00001", "127.0.0.1", port, Duration.ofSeconds(10), null);
    }

    private static CompletableFuture<ModelInferResponse> infer(ComponentClient client, int port) {
        return client.call(peer(port), Forwarded.NONE, null, GRPCInferenceServiceGrpc.getModelInferMethod(), IRIS);
    }

    private static void refuse(ComponentClient client, int port) {
        for (int i = 0; i < REFUSED_CALLS; i++) {
            CompletionException e = assertThrows(CompletionException.class, () -> infer(client, port).join());
            assertEquals(ErrorCode.UNAVAILABLE, ((InferenceException) e.getCause()).code());
        }
    }

    @Test
    void aComponentListeningAfterRefusedCallsAnswersTheNextCall() throws Exception {
        int port = TestServer.closedPort();
        try (ComponentClient client = new ComponentClient(List.of())) {
            refuse(client, port);
            try (TestServer server = TestServer.answering(port)) {
                assertEquals("answered-iris", infer(client, port).join().getId());
            }
        }
    }

    @Test
    void aComponentListeningAfterRefusedCallsFromAnEventLoopAnswersTheNextOne() throws Exception {
        int port = TestServer.closedPort();
        Vertx vertx = Vertx.vertx();
        try (ComponentClient client = new ComponentClient(List.of())) {
            var loop = vertx.getOrCreateContext();
            for (int i = 0; i < REFUSED_CALLS; i++) {
                CompletableFuture<ModelInferResponse> call = onLoop(loop, () -> infer(client, port));
                CompletionException e = assertThrows(CompletionException.class, call::join);
                assertEquals(ErrorCode.UNAVAILABLE, ((InferenceException) e.getCause()).code());
            }
            try (TestServer server = TestServer.answering(port)) {
                assertEquals("answered-iris", onLoop(loop, () -> infer(client, port)).join().getId());
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRefusedStreamLeavesTheChannelToConnectOnTheNextCall() throws Exception {
        int port = TestServer.closedPort();
        try (ComponentClient client = new ComponentClient(List.of())) {
            refuse(client, port);
            CompletableFuture<InferenceException> ended = new CompletableFuture<>();
            client.stream(peer(port), Forwarded.NONE, StreamRequest.wire(IRIS),
                    new StreamListener<dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse>() {
                @Override
                public void response(dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse r) {
                }

                @Override
                public void end(InferenceException failure) {
                    ended.complete(failure);
                }
            });
            assertEquals(ErrorCode.UNAVAILABLE, ended.get(10, TimeUnit.SECONDS).code());
            try (TestServer server = TestServer.answering(port)) {
                assertEquals("answered-iris", infer(client, port).join().getId());
            }
        }
    }

    /** Starts the call on the event loop, as a gateway ingress does, and hands its answer back. */
    private static <T> CompletableFuture<T> onLoop(io.vertx.core.Context loop,
            java.util.function.Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.runOnContext(v -> call.get().whenComplete((r, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(r);
            }
        }));
        return result;
    }
}
