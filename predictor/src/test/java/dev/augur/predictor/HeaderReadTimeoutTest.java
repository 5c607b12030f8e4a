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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that stalls in its request headers is closed after {@code augur.server.limits.header-read-timeout}
 * (1 s here), not after the idle timeout (the shared 300 s, left as it is): the socket's 60 s read timeout would
 * fail the test long before the idle timeout could close it. A keep-alive connection waiting between requests is
 * not a stalled one.
 */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
@TestProfile(HeaderReadTimeoutTest.ShortHeaderTimeout.class)
class HeaderReadTimeoutTest {
    public static class ShortHeaderTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("augur.server.limits.header-read-timeout", "1s");
        }
    }

    /** The watch is installed on the listening socket by the first request the server sees (a probe, usually). */
    @BeforeEach
    void aRequestHasBeenServed() {
        given().get("/v2/health/live").then().statusCode(200);
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket("localhost", RestAssured.port);
        s.setSoTimeout(60_000);
        return s;
    }

    @Test
    void headersThatStallAreClosedLongBeforeTheIdleTimeout() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /v2/health/live HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[1024];
            for (int n; (n = in.read(buf)) >= 0;) {
                got.write(buf, 0, n);
            }
            assertEquals("", got.toString(StandardCharsets.UTF_8), "closed without an answer");
        }
    }

    @Test
    void aKeepAliveConnectionWaitingBetweenRequestsStaysOpen() throws Exception {
        try (Socket s = connect()) {
            byte[] get = "GET /v2/health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(get);
            assertTrue(readAnswer(s.getInputStream()).startsWith("HTTP/1.1 200"));
            Thread.sleep(2500);
            s.getOutputStream().write(get);
            assertTrue(readAnswer(s.getInputStream()).startsWith("HTTP/1.1 200"));
        }
    }

    /** One HTTP/1.1 answer with a Content-Length body, leaving the connection open. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.US_ASCII);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return headers + new String(body, StandardCharsets.UTF_8);
    }
}
