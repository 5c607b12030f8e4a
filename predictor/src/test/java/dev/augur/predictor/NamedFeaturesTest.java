package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Named features (KServe's "pd" content type) mapped onto the model's input by its feature names. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class NamedFeaturesTest {
    private static final String ROW = "{\"petal_width\": 1.4, \"sepal_length\": 6.8, \"petal_length\": 4.8, "
            + "\"sepal_width\": 2.8}";

    @Test
    void v1ObjectsAreMappedByName() {
        given().body("{\"instances\": [" + ROW + ", {\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4,"
                + " \"petal_width\": 0.2}]}").post("/v1/models/iris-named:predict").then().statusCode(200)
                .body("predictions", contains(1, 0));
    }

    @Test
    void v2ColumnsWithPdContentTypeAreMappedByName() {
        String col = "{\"name\":\"%s\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[%s]}";
        given().body("{\"parameters\":{\"content_type\":\"pd\"},\"inputs\":[" + String.format(col, "petal_width", "1.4")
                + "," + String.format(col, "petal_length", "4.8") + "," + String.format(col, "sepal_width", "2.8")
                + "," + String.format(col, "sepal_length", "6.8") + "]}").post("/v2/models/iris-named/infer").then()
                .statusCode(200).body("outputs[0].data", contains(1));
    }

    @Test
    void missingAndUnknownFeaturesAreNamed() {
        given().body("{\"instances\": [{\"sepal_length\": 6.8, \"sepal_width\": 2.8, \"petal_length\": 4.8, "
                + "\"petal_wide\": 1.4}]}").post("/v1/models/iris-named:predict").then().statusCode(400)
                .body("error", equalTo("model 'iris-named' features do not match the request: missing [petal_width] "
                        + "unknown [petal_wide]; the model's features are [sepal_length, sepal_width, petal_length, "
                        + "petal_width]"));
    }

    @Test
    void modelWithoutFeatureNamesSaysHowToDeclareThem() {
        given().body("{\"instances\": [" + ROW + "]}").post("/v1/models/iris-logreg:predict").then().statusCode(400)
                .body("error", equalTo("model 'iris-logreg' has no feature names, so named features cannot be mapped; "
                        + "list them under 'features' in its config.yaml, or send one tensor"));
    }
}
