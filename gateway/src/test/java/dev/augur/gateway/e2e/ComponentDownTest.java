package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A component whose process died answers 503 naming it, at once, while the supervisor's back-off runs. */
@QuarkusTest
class ComponentDownTest {

    @Test
    void killedComponentGives503NamingIt() {
        Gateway.readyPort("fragile");
        long pid = ((Number) Gateway.revision("fragile", 0).get("pid")).longValue();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Gateway.await("fragile", Duration.ofSeconds(10), r -> "FAILED".equals(r.get(0).get("state")), "FAILED");

        given().contentType("application/json").body(Iris.V1).post("/v1/models/fragile:predict")
                .then().statusCode(503)
                .body("error", containsString("'fragile-predictor'"))
                .body("error", containsString("exited with code"));
    }
}
