package dev.augur.transformer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** KServe's metric names, tagged with the model name. */
@QuarkusTest
@QuarkusTestResource(PredictorResource.class)
class TransformerMetricsTest {
    @Test
    void preprocessAndPostprocessSecondsAreRecorded() {
        given().body("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, "
                + "\"petal_width\": 0.2}]}").post("/v1/models/iris:predict").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("request_preprocess_seconds_count{model_name=\"iris\""))
                .body(containsString("request_postprocess_seconds_count{model_name=\"iris\""))
                .body(containsString("request_predict_seconds_count{model_name=\"iris\""));
    }
}
