package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** KServe's metric names, so its Grafana dashboards work unchanged. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class MetricsTest {
    @Test
    void predictLatencyAndOutcomesAreExported() {
        given().body("{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}").post("/v1/models/iris-forest:predict").then()
                .statusCode(200);
        given().body("{\"instances\": [[5.1]]}").post("/v1/models/iris-forest:predict").then().statusCode(400);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("request_predict_seconds_count{model_name=\"iris-forest\",model_version=\"1\"}"))
                .body(containsString("request_predict_seconds_bucket{model_name=\"iris-forest\""))
                .body(containsString("request_total{code=\"OK\",model_name=\"iris-forest\"}"))
                .body(containsString("request_total{code=\"INVALID_ARGUMENT\",model_name=\"iris-forest\"}"));
    }
}
