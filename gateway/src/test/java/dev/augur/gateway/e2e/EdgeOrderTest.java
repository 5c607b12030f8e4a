package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The gateway's checks before a route run as one chain (api.Edge) in the order their separate filters had: a job
 * upload still meets its own limit (augur.jobs.max-upload-size, 10G by default = 10,737,418,240 bytes) with the same
 * 413 and message, and a forwarded header over its bound is refused before that limit is looked at. Raw sockets: the
 * declared length is far larger than anything sent, and the answer must come before any body.
 */
@QuarkusTest
class EdgeOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 20 GB declared, none sent. */
    private static final String HUGE = "20000000000";

    /** Sends the headers of a job upload declaring {@link #HUGE} bytes, and reads the answer (its headers and body). */
    private static String upload(String extraHeader) throws IOException {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /augur/jobs/iris HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                    + "Content-Length: " + HUGE + "\r\n" + extraHeader + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int r; !complete(answer.toString(StandardCharsets.UTF_8)) && (r = in.read(buf)) >= 0;) {
                answer.write(buf, 0, r);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether {@code answer} holds its headers and the body their {@code content-length} announces. */
    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        for (String line : answer.substring(0, end).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return answer.length() - end - 4 >= Integer.parseInt(line.substring(15).trim());
            }
        }
        return false;
    }

    private static String error(String answer) throws IOException {
        return JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("error").asText();
    }

    @Test
    void aJobUploadDeclaredOverTheJobsLimitGetsItsOwn413() throws IOException {
        String answer = upload("");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertEquals("the file is larger than the limit of 10737418240 bytes for batch jobs "
                + "(augur.jobs.max-upload-size)", error(answer));
    }

    @Test
    void aForwardedHeaderOverItsBoundIsRefusedBeforeTheUploadLimit() throws IOException {
        String answer = upload("x-request-id: " + "r".repeat(1000) + "\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertEquals("header 'x-request-id' must be at most 256 printable ASCII characters (got 1000)", error(answer));
    }
}
