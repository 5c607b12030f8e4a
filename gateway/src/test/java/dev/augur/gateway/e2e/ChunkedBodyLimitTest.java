package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A body sent without a length (HTTP/1.1 chunked) over the gateway's limit gets 413 with the error in its protocol's
 * form naming the limit (V1/V2 {@code {"error": ...}}, OpenAI's error object on the OpenAI paths), instead of the
 * HTTP layer's empty 413; a declared length over it on an OpenAI path gets OpenAI's form too. The suite's limit is
 * 256K (LocalServices). Raw sockets for the chunked requests, so the test sees the bytes a client gets.
 */
@QuarkusTest
class ChunkedBodyLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIMIT = "request body is larger than the gateway's limit of 262144 bytes "
            + "(quarkus.http.limits.max-body-size)";

    private static byte[] spaces(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) ' ');
        return b;
    }

    /**
     * Sends {@code body} in 16 KiB chunks, then the last chunk, and reads the answer until the server closes: by itself
     * after a refusal, or after the answer when the client asked ({@code close}).
     */
    private static String postChunked(String path, byte[] body, boolean close) throws IOException {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += 16384) {
                int n = Math.min(16384, body.length - at);
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

    private static JsonNode json413(String answer) throws IOException {
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer.lines().findFirst().orElse(answer));
        assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
        return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void aChunkedV2BodyOverTheLimitGetsTheJson413() throws IOException {
        JsonNode error = json413(postChunked("/v2/models/iris/infer", spaces(300 * 1024), false));
        assertEquals(LIMIT, error.get("error").asText());
    }

    @Test
    void aChunkedOpenAiBodyOverTheLimitGetsOpenAisErrorObject() throws IOException {
        JsonNode error = json413(postChunked("/openai/v1/chat/completions", spaces(300 * 1024), false)).get("error");
        assertEquals(LIMIT, error.get("message").asText());
        assertEquals("invalid_request_error", error.get("type").asText());
    }

    @Test
    void aDeclaredOpenAiBodyOverTheLimitGetsOpenAisErrorObject() {
        given().contentType("application/json").body(spaces(300 * 1024)).post("/v1/completions").then()
                .statusCode(413).body("error.message", equalTo(LIMIT)).body("error.type", equalTo("invalid_request_error"));
    }
}
