package dev.augur.gateway.api.grpc;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Deadline;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The grpc-timeout header as the gRPC over HTTP/2 spec writes it: 1 to 8 digits and a unit. */
class GrpcTimeoutTest {

    @Test
    void millisecondsAndSecondsAndMicroseconds() {
        assertBetween(ModelInferIngress.deadline("250m"), 240, 250);
        assertBetween(ModelInferIngress.deadline("3S"), 2_990, 3_000);
        assertBetween(ModelInferIngress.deadline("1500000u"), 1_490, 1_500);
        assertBetween(ModelInferIngress.deadline("2M"), 119_990, 120_000);
    }

    @Test
    void absentOrMalformedMeansNoDeadline() {
        assertNull(ModelInferIngress.deadline(null));
        assertNull(ModelInferIngress.deadline("m"));
        assertNull(ModelInferIngress.deadline("12x"));
        assertNull(ModelInferIngress.deadline("123456789m"));
        assertNull(ModelInferIngress.deadline("-5m"));
    }

    private static void assertBetween(Deadline d, long lowMs, long highMs) {
        long ms = d.timeRemaining(TimeUnit.MILLISECONDS);
        assertTrue(ms >= lowMs && ms <= highMs, ms + " ms");
    }
}
