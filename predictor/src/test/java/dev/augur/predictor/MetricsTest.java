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

    /** Bound after start-up (health/JvmMetrics) rather than by Quarkus, but still exported under their names. */
    @Test
    void jvmAndProcessMetricsAreExportedSoonAfterStart() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        String body = "";
        while (System.nanoTime() < deadline && !body.contains("jvm_memory_used_bytes")) {
            body = given().get("/q/metrics").then().statusCode(200).extract().asString();
            Thread.sleep(200);
        }
        org.junit.jupiter.api.Assertions.assertTrue(body.contains("jvm_memory_used_bytes{")
                && body.contains("jvm_gc_") && body.contains("process_cpu_usage")
                && body.contains("system_cpu_count") && body.contains("jvm_threads_live_threads"), body);
    }
}
