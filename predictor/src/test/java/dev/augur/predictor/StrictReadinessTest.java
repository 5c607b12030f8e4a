package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Triton's strict readiness: one model that failed to load makes the server not ready, but still live. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
@TestProfile(StrictReadinessTest.Strict.class)
class StrictReadinessTest {
    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("augur.strict-readiness", "true");
        }
    }

    @Test
    void notReadyWhileAModelIsUnavailable() {
        given().get("/v2/health/ready").then().statusCode(503).body("ready", equalTo(false));
        given().get("/q/health/ready").then().statusCode(503);
        given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
    }
}
