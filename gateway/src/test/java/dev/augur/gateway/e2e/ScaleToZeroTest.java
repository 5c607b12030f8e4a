package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * {@code sleepy} has {@code minReplicas: 0}: after the idle period its process is gone, and the next request
 * starts it again and waits for it (Knative's activator).
 */
@QuarkusTest
class ScaleToZeroTest {
    private static final Logger LOG = Logger.getLogger(ScaleToZeroTest.class);

    private static void awaitScaledToZero() {
        Gateway.await("sleepy", Duration.ofSeconds(90), r -> "STOPPED".equals(r.get(0).get("state"))
                && r.get(0).get("reason") != null && r.get(0).get("reason").toString().startsWith("scaled to zero"),
                "scaled to zero");
    }

    @Test
    void idleComponentProcessIsGone() {
        // Serve one request, so it runs whatever state the other test left it in; then let it idle.
        given().contentType("application/json").body(Iris.V1).post("/v1/models/sleepy:predict").then().statusCode(200);
        long pid = ((Number) Gateway.revision("sleepy", 0).get("pid")).longValue();
        awaitScaledToZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Gateway.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still runs");
    }

    @Test
    void nextRequestAfterIdleSucceeds() {
        awaitScaledToZero();
        long start = System.nanoTime();
        Response r = given().contentType("application/json").body(Iris.V1).post("/v1/models/sleepy:predict");
        LOG.infof("cold start: request to response in %d ms", (System.nanoTime() - start) / 1_000_000);
        // Both sample rows are class 1 (versicolor), as scikit-learn predicts (models/README.md).
        r.then().statusCode(200).body("predictions", equalTo(List.of(1, 1)));
    }
}
