package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a memory cap, models that do not fit are refused with the reason; the ones that fit serve. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
@TestProfile(MemoryLimitTest.Capped.class)
class MemoryLimitTest {
    /** The logistic regression (490 bytes) fits in 4 KB; the forest (about 7 KB) does not. */
    public static class Capped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("augur.models.memory-limit", "4K");
        }
    }

    @Test
    void modelBeyondTheCapIsUnavailableWithTheReason() {
        given().body("{}").post("/v2/repository/index").then().statusCode(200)
                .body("find { it.name == 'iris-forest' }.state", equalTo("UNAVAILABLE"))
                .body("find { it.name == 'iris-forest' }.reason", startsWith("loading needs about "));
        given().post("/v2/repository/models/iris-forest/load").then().statusCode(429)
                .body("error", startsWith("model 'iris-forest' failed to load: version 1: loading needs about "));
    }

    @Test
    void modelWithinTheCapServes() {
        given().get("/v2/models/iris-logreg/ready").then().statusCode(200);
    }
}
