package dev.augur.protocol.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.protocol.v2.V2JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and truncated bodies must end in a 400-class {@link InferenceException}: never another exception (a 500
 * at the edge) and never a hang.
 */
class JsonFuzzTest {
    private static final String VALID = "{\"id\":\"1\",\"parameters\":{\"a\":[1,{\"b\":2}]},\"inputs\":[{\"name\":\"x\","
            + "\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[[1.5,2],[3,4e2]]},{\"name\":\"s\",\"shape\":[1],"
            + "\"datatype\":\"BYTES\",\"data\":[\"q\"]}],\"outputs\":[{\"name\":\"y\"}]}";
    private static final String V1 = "{\"instances\":[[6.8,2.8,4.8,1.4],[6.0,3.4,4.5,1.6]]}";

    private static void decodeBoth(byte[] body, int headerLength) {
        try {
            V2JsonCodec.decodeRequest("m", null, body, headerLength);
        } catch (InferenceException e) {
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        } catch (RuntimeException e) {
            fail("V2 codec threw " + e + " for " + new String(body, StandardCharsets.ISO_8859_1));
        }
        try {
            V1JsonCodec.decodeRequest("m", body);
        } catch (InferenceException e) {
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        } catch (RuntimeException e) {
            fail("V1 codec threw " + e + " for " + new String(body, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void everyTruncationIsAClientError() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (String s : new String[] {VALID, V1}) {
                byte[] full = s.getBytes(StandardCharsets.UTF_8);
                for (int n = 0; n < full.length; n++) {
                    byte[] cut = java.util.Arrays.copyOf(full, n);
                    decodeBoth(cut, -1);
                }
            }
        });
    }

    @Test
    void randomMutationsAreClientErrors() {
        Random random = new Random(42);
        byte[] alphabet = "{}[]\",:0123456789.-eE truefalsnul\\".getBytes(StandardCharsets.UTF_8);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] body = (i % 2 == 0 ? VALID : V1).getBytes(StandardCharsets.UTF_8);
                int edits = 1 + random.nextInt(4);
                for (int k = 0; k < edits; k++) {
                    body[random.nextInt(body.length)] = random.nextInt(4) == 0
                            ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                }
                decodeBoth(body, random.nextInt(8) == 0 ? random.nextInt(body.length + 4) - 2 : -1);
            }
        });
    }

    @Test
    void randomBytesAreClientErrors() {
        Random random = new Random(7);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 5_000; i++) {
                byte[] body = new byte[random.nextInt(64)];
                random.nextBytes(body);
                decodeBoth(body, -1);
            }
        });
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        String deep = "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":" + "[".repeat(100_000)
                + "]}]}";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> decodeBoth(deep.getBytes(StandardCharsets.UTF_8), -1));
    }
}
