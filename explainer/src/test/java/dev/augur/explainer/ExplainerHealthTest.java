package dev.augur.explainer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ExplainerHealthTest {
    @Test
    void liveAndReady() throws InterruptedException {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // Readiness asks the predictor (ServerLive, 1 s deadline); the first call sets up the channel and, on a loaded
        // machine, may miss that deadline. Kubernetes probes again, and so does this test, for up to 30 s.
        long until = System.nanoTime() + 30_000_000_000L;
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < until) {
            Thread.sleep(500);
        }
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
