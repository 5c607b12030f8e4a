package dev.augur.protocol.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.augur.protocol.core.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobJsonCodecTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void answerLineEmbedsTheResponseAsItIs() {
        assertEquals("{\"line\":3,\"id\":\"job-1:3\",\"status\":\"succeeded\",\"response\":{\"predictions\":[1]}}",
                s(JobJsonCodec.encodeAnswer(3, "job-1:3", "{\"predictions\":[1]}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void failureLineCarriesTheErrorTablesStatusAndTheMessage() {
        assertEquals("{\"line\":4,\"id\":\"job-1:4\",\"status\":\"failed\",\"code\":400,\"error\":\"bad \\\"x\\\"\"}",
                s(JobJsonCodec.encodeFailure(4, "job-1:4", ErrorCode.INVALID_ARGUMENT, "bad \"x\"")));
    }

    @Test
    void cancelledLine() {
        assertEquals("{\"line\":5,\"id\":\"job-1:5\",\"status\":\"cancelled\"}",
                s(JobJsonCodec.encodeCancelled(5, "job-1:5")));
    }

    @Test
    void statusObject() {
        assertEquals("{\"id\":\"job-1\",\"service\":\"iris\",\"state\":\"running\",\"total\":10,\"done\":4,"
                + "\"failed\":1,\"cancelled\":0,\"rate\":2.5,\"created\":\"2026-11-28T10:00:00Z\",\"finished\":null}",
                s(JobJsonCodec.encodeStatus(new JobStatus("job-1", "iris", "running", 10, 4, 1, 0, 2.54,
                        "2026-11-28T10:00:00Z", null, null))));
    }
}
