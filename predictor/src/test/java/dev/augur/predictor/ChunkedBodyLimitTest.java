package dev.augur.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A body sent without a length (HTTP/1.1 chunked) is held to the same limit as a declared one (the server module's
 * {@code rest.BodyLimit}): over it, 413 with the JSON error naming the limit instead of the HTTP layer's empty 413;
 * within it, answered as usual. Raw sockets, so the test sees the bytes a client gets. The test profile's limit is
 * 1 MiB (TestRepository).
 */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class ChunkedBodyLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Sends {@code body} in 64 KiB chunks, then the last chunk, and reads the answer until the server closes: by itself
     * after a refusal, or after the answer when the client asked ({@code close}).
     */
    private static String postChunked(String path, byte[] body, boolean close) throws IOException {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += 65536) {
                int n = Math.min(65536, body.length - at);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int r; (r = in.read(buf)) >= 0;) {
                answer.write(buf, 0, r);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void aChunkedBodyOverTheLimitGetsTheJson413NamingTheLimit() throws IOException {
        String big = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}],"
                + "\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        String answer = postChunked("/v2/models/iris-logreg/infer", big.getBytes(StandardCharsets.UTF_8), false);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer.lines().findFirst().orElse(answer));
        assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
        assertEquals("request body is larger than the limit of 1048576 bytes (quarkus.http.limits.max-body-size)",
                JSON.readTree(body(answer)).get("error").asText());
    }

    @Test
    void aChunkedBodyWithinTheLimitIsAnswered() throws IOException {
        IrisReference iris = IrisReference.of("iris-logreg");
        String answer = postChunked("/v1/models/iris-logreg:predict",
                iris.v1Body().getBytes(StandardCharsets.UTF_8), true);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer.lines().findFirst().orElse(answer));
        JsonNode predictions = JSON.readTree(body(answer)).get("predictions");
        assertEquals(iris.labels().length, predictions.size());
        for (int i = 0; i < iris.labels().length; i++) {
            assertEquals(iris.labels()[i], predictions.get(i).asLong(), "row " + i);
        }
    }

    private record Answer(int status, String body, Object connection) {
    }

    /**
     * Over HTTP/2 (prior knowledge, one connection) a POST without a length over the limit gets the JSON 413 on its
     * stream alone: the next request on the same connection is answered.
     */
    @Test
    void anHttp2BodyWithoutALengthOverTheLimitFailsOnlyItsStream() throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false).setHttp2MaxPoolSize(1));
        try {
            Answer big = client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("localhost")
                    .setPort(RestAssured.port).setURI("/v2/models/iris-logreg/infer")
                    .putHeader("content-type", "application/json"))
                    .compose(req -> {
                        req.setChunked(true);
                        Buffer chunk = Buffer.buffer("x".repeat(65536));
                        for (int i = 0; i < 20; i++) {
                            req.write(chunk);
                        }
                        req.end();
                        return req.response().compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(),
                                b.toString(), req.connection())));
                    }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(413, big.status(), big.body());
            assertEquals("request body is larger than the limit of 1048576 bytes (quarkus.http.limits.max-body-size)",
                    JSON.readTree(big.body()).get("error").asText());
            Answer next = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost")
                    .setPort(RestAssured.port).setURI("/v2/health/ready"))
                    .compose(req -> req.send().compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(),
                            b.toString(), req.connection()))))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(200, next.status(), next.body());
            assertEquals(big.connection(), next.connection(), "one connection for both");
        } finally {
            client.close();
            vertx.close();
        }
    }
}
