package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Idle and half-sent connections are closed after a bounded time (short values here; the shared defaults are 300 s
 * and 60 s, server's {@code META-INF/microprofile-config.properties} and {@code limits.LimitsConfig}). The socket's
 * read timeout only keeps a broken server from hanging the test; the server's close comes long before it.
 */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
@TestProfile(ConnectionTimeoutsTest.ShortTimeouts.class)
class ConnectionTimeoutsTest {
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "2s", "augur.server.limits.request-read-timeout", "1s");
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket("localhost", RestAssured.port);
        s.setSoTimeout(60_000);
        return s;
    }

    /** Everything the server sends until it closes the connection. */
    private static String readUntilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void idleConnectionIsClosed() throws IOException {
        try (Socket s = connect()) {
            assertEquals("", readUntilClosed(s));
        }
    }

    @Test
    void halfSentHeadersAreClosedByTheIdleTimeout() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("POST /v2/models/iris-logreg/infer HTTP/1.1\r\nHost: x\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertEquals("", readUntilClosed(s));
        }
    }

    /**
     * A keep-alive connection accepted after the server's first request carries the header-read watch, which also
     * times its requests' bodies (no timer per request): its second request's body stalls after the first was answered.
     */
    @Test
    void halfSentBodyOfALaterRequestOnAKeepAliveConnectionGets408() throws IOException {
        given().get("/v2/health/live").then().statusCode(200);
        try (Socket s = connect()) {
            s.getOutputStream().write(("GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(readHead(s.getInputStream()).startsWith("HTTP/1.1 200"));
            s.getOutputStream().write(("POST /v2/models/iris-logreg/infer HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"inputs\":")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readUntilClosed(s);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("augur.server.limits.request-read-timeout"), answer);
        }
    }

    /** One HTTP/1.1 answer's head and Content-Length body, leaving the connection open. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return text;
    }

    @Test
    void halfSentBodyGets408AndTheConnectionCloses() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(("POST /v2/models/iris-logreg/infer HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"inputs\":")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readUntilClosed(s);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
            assertTrue(answer.contains("augur.server.limits.request-read-timeout"), answer);
        }
    }
}
