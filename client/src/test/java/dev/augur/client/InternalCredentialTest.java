package dev.augur.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.protocol.core.InternalToken;
import io.grpc.Metadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The internal token a real component receives, beside (never instead of) the client's own credential. */
class InternalCredentialTest {
    private static final String TOKEN = "test-only-internal-token";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.answering();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Metadata received(String token, Forwarded headers) {
        try (ComponentClient client = new ComponentClient(List.of(), token)) {
            Peer peer = new Peer("iris-predictor", null, "127.0.0.1", server.port(), Duration.ofSeconds(10), null);
            client.call(peer, headers, null, GRPCInferenceServiceGrpc.getModelInferMethod(),
                    ModelInferRequest.newBuilder().setModelName("iris").build()).join();
        }
        return server.lastHeaders.get();
    }

    private static String header(Metadata md, String name) {
        return md.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    @Test
    void theTokenTravelsInItsOwnHeaderAndTheClientsAuthorizationIsUnchanged() {
        Metadata md = received(TOKEN, new Forwarded("req-1", null, "Bearer client-key"));
        assertEquals(TOKEN, header(md, InternalToken.HEADER));
        assertEquals("Bearer client-key", header(md, "authorization"));
    }

    @Test
    void theTokenIsSentWhenNothingIsForwarded() {
        Metadata md = received(TOKEN, Forwarded.NONE);
        assertEquals(TOKEN, header(md, InternalToken.HEADER));
    }

    @Test
    void aCallForwardingNoCredentialPresentsTheTokenAsItsBearer() {
        assertEquals("Bearer " + TOKEN, header(received(TOKEN, Forwarded.NONE), "authorization"));
    }

    @Test
    void noTokenConfiguredSendsNone() {
        assertNull(header(received(null, new Forwarded("req-2", null, "Bearer k")), InternalToken.HEADER));
    }

    @Test
    void matchingIsExact() {
        assertEquals(true, InternalToken.matches(TOKEN, TOKEN));
        assertEquals(false, InternalToken.matches(TOKEN, TOKEN + "x"));
        assertEquals(false, InternalToken.matches(TOKEN, null));
        assertEquals(false, InternalToken.matches(TOKEN, ""));
    }
}
