package dev.augur.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ComponentClient#warmUp}: the one call a service makes at start-up so its first request does not pay the
 * client's first-call costs. It is a ServerLive (no side effect on the component), and a component that is not up
 * yet is still reached by the first real call.
 */
class WarmUpTest {
    private static final ModelInferRequest IRIS = ModelInferRequest.newBuilder().setModelName("iris").build();

    private static Peer peer(int port) {
        return new Peer("iris-predictor", "iris-predictor-00001", "127.0.0.1", port, Duration.ofSeconds(10), null);
    }

    @Test
    void warmUpSendsOneServerLiveAndNothingElse() throws Exception {
        try (TestServer server = TestServer.answering(); ComponentClient client = new ComponentClient(List.of())) {
            client.warmUp(peer(server.port()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.methods.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("ServerLive"), server.methods);
            assertEquals(0, server.calls.get());
        }
    }

    @Test
    void aComponentNotUpAtWarmUpAnswersTheFirstCallOnceItListens() throws Exception {
        int port = TestServer.closedPort();
        try (ComponentClient client = new ComponentClient(List.of())) {
            client.warmUp(peer(port));
            // Let the refused warm-up run its course (3 attempts, 75 ms of pauses); if it is slower, the server below
            // simply answers it: the assertion holds either way.
            Thread.sleep(500);
            try (TestServer server = TestServer.answering(port)) {
                assertEquals("answered-iris", client.call(peer(port), Forwarded.NONE, null,
                        GRPCInferenceServiceGrpc.getModelInferMethod(), IRIS).join().getId());
            }
        }
    }
}
