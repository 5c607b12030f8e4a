package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated and mutated bodies against the running server: always a 4xx JSON error, never a 500 or a hang. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class RestFuzzTest {
    private static final byte[] VALID = ("{\"id\":\"f\",\"inputs\":[{\"name\":\"float_input\",\"shape\":[2,4],"
            + "\"datatype\":\"FP32\",\"data\":[[5.1,3.5,1.4,0.2],[6.2,2.9,4.3,1.3]]}],"
            + "\"outputs\":[{\"name\":\"label\"}]}").getBytes(StandardCharsets.UTF_8);

    private static void assertClientErrorOrSuccess(byte[] body) {
        Response r = given().body(body).post("/v2/models/iris-forest/infer");
        int s = r.statusCode();
        assertTrue(s == 200 || s == 400, "status " + s + " for " + new String(body, StandardCharsets.ISO_8859_1));
        if (s == 400) {
            assertTrue(r.jsonPath().getString("error").length() > 0);
        }
    }

    @Test
    void truncatedBodiesAre400() {
        for (int n = 0; n < VALID.length; n += 3) {
            Response r = given().body(Arrays.copyOf(VALID, n)).post("/v2/models/iris-forest/infer");
            assertEquals(400, r.statusCode(), "truncated at " + n);
        }
    }

    @Test
    void mutatedBodiesAreAnsweredOrRejected() {
        Random random = new Random(11);
        for (int i = 0; i < 300; i++) {
            byte[] body = VALID.clone();
            body[random.nextInt(body.length)] = (byte) "{}[]\",:0123456789.-e tfn".charAt(random.nextInt(24));
            assertClientErrorOrSuccess(body);
        }
    }
}
