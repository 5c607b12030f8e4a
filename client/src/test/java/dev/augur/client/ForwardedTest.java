package dev.augur.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The headers a real component receives from the client, and the bounds on them. */
class ForwardedTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static TestServer server;
    private static ComponentClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.answering();
        client = new ComponentClient(List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    private static Metadata received(Forwarded headers) {
        Peer peer = new Peer("iris-predictor", "iris-predictor-00001", "127.0.0.1", server.port(),
                Duration.ofSeconds(10), null);
        client.call(peer, headers, null, GRPCInferenceServiceGrpc.getModelInferMethod(),
                ModelInferRequest.newBuilder().setModelName("iris").build()).join();
        return server.lastHeaders.get();
    }

    private static String header(Metadata md, String name) {
        return md.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    @Test
    void theThreeHeadersArriveAsSent() {
        Metadata md = received(new Forwarded("req-1", TRACEPARENT, "Bearer abc"));
        assertEquals("req-1", header(md, "x-request-id"));
        assertEquals(TRACEPARENT, header(md, "traceparent"));
        assertEquals("Bearer abc", header(md, "authorization"));
    }

    @Test
    void anAuthorizationOverItsBoundIsNotForwarded() {
        String big = "Bearer " + "a".repeat(Forwarded.MAX_AUTHORIZATION);
        Metadata md = received(new Forwarded("req-2", null, big));
        assertNull(header(md, "authorization"));
        assertEquals("req-2", header(md, "x-request-id"));
    }

    @Test
    void anAuthorizationAtItsBoundIsForwarded() {
        String exact = "a".repeat(Forwarded.MAX_AUTHORIZATION);
        assertEquals(exact, header(received(new Forwarded("req-3", null, exact)), "authorization"));
    }

    @Test
    void aRequestIdOverItsBoundIsNotForwarded() {
        assertNull(header(received(new Forwarded("r".repeat(Forwarded.MAX_REQUEST_ID + 1), null, null)),
                "x-request-id"));
    }

    @Test
    void aTraceparentOverItsBoundIsNotForwarded() {
        assertNull(header(received(new Forwarded("req-4", "0".repeat(Forwarded.MAX_TRACEPARENT + 1), null)),
                "traceparent"));
    }

    @Test
    void aValueWithAControlCharacterIsNotForwarded() {
        assertNull(header(received(new Forwarded("req\n5", null, null)), "x-request-id"));
    }

    @Test
    void nonAsciiIsNotForwardable() {
        assertFalse(Forwarded.forwardable("r\u00e9q", Forwarded.MAX_REQUEST_ID));
    }
}
