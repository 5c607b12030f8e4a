package dev.augur.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.InternalToken;
import dev.augur.protocol.core.Tensor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST component client against a real HTTP server on a free port. */
class HttpComponentClientTest {
    private static final String ONE_OUTPUT = "{\"outputs\":[{\"name\":\"s\",\"datatype\":\"FP64\",\"shape\":[1],"
            + "\"data\":[1.0]}]}";
    private final HttpComponentClient client = new HttpComponentClient();
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<com.sun.net.httpserver.Headers> headers = new AtomicReference<>();
    private HttpServer server;

    /** A server answering every POST with STATUS and ANSWER, remembering what it got. */
    private Peer serve(int status, String answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            headers.set(exchange.getRequestHeaders());
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
        return new Peer("sums-predictor", "sums-predictor-00001", "127.0.0.1", server.getAddress().getPort(),
                Duration.ofSeconds(5), null);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static InferenceRequest request() {
        return new InferenceRequest("r1", "sums", null, Map.of(), List.of(Tensor.ofLongs("x", new long[] {1, 2},
                new long[] {3, 4})), List.of(), false);
    }

    private static InferenceException failure(java.util.concurrent.CompletableFuture<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            return (InferenceException) e.getCause();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no failure");
    }

    @Test
    void aV2AnswerIsDecodedIntoTensors() throws Exception {
        Peer peer = serve(200, "{\"model_name\":\"sums\",\"outputs\":[{\"name\":\"s\",\"datatype\":\"FP64\","
                + "\"shape\":[1],\"data\":[7.5]}]}");
        InferenceResponse r = client.infer(peer, Forwarded.NONE, null, request()).get();
        assertEquals("s", r.outputs().get(0).name());
        assertEquals(7.5, r.outputs().get(0).getDouble(0));
    }

    @Test
    void theRequestGoesAsV2Json() throws Exception {
        Peer peer = serve(200, ONE_OUTPUT);
        client.infer(peer, Forwarded.NONE, null, request()).get();
        assertTrue(body.get().contains("\"name\":\"x\"") && body.get().contains("\"datatype\":\"INT64\"")
                && body.get().contains("[3,4]"), body.get());
    }

    @Test
    void onlyTheForwardedHeadersTravelAndNeverTheInternalToken() throws Exception {
        Peer peer = serve(200, ONE_OUTPUT);
        client.infer(peer, new Forwarded("req-7", null, "Bearer k"), null, request()).get();
        assertEquals("req-7", headers.get().getFirst("x-request-id"));
        assertEquals("Bearer k", headers.get().getFirst("authorization"));
        assertNull(headers.get().getFirst(InternalToken.HEADER));
    }

    @Test
    void aComponentsErrorKeepsItsMessageAndStatus() throws Exception {
        Peer peer = serve(400, "{\"error\":\"input 'x' has 3 elements\"}");
        InferenceException e = failure(client.infer(peer, Forwarded.NONE, null, request()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("input 'x' has 3 elements", e.getMessage());
    }

    @Test
    void anAnswerThatIsNotV2IsTheComponentsFault() throws Exception {
        Peer peer = serve(200, "{\"predictions\":[1]}");
        InferenceException e = failure(client.infer(peer, Forwarded.NONE, null, request()));
        assertEquals(ErrorCode.INTERNAL, e.code());
        assertTrue(e.getMessage().contains("component 'sums-predictor'"), e.getMessage());
    }

    @Test
    void aRefusedConnectionNamesTheComponent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Peer peer = new Peer("sums-predictor", "sums-predictor-00001", "127.0.0.1", port, Duration.ofSeconds(5), null);
        InferenceException e = failure(client.infer(peer, Forwarded.NONE, null, request()));
        assertEquals(ErrorCode.UNAVAILABLE, e.code());
        assertEquals("component 'sums-predictor' (revision sums-predictor-00001 at 127.0.0.1:" + port
                + ") is unavailable: connection refused", e.getMessage());
    }
}
