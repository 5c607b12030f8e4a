package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The XGBoost runtime serves exactly what XGBoost 1.7.4 predicted when it trained the models
 * (models/generate_xgboost.py): labels equal, probabilities within 1e-5, for all 150 iris rows.
 */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class XgboostTest {
    private static final double TOLERANCE = 1e-5;
    private static final IrisReference IRIS = IrisReference.of("iris-xgboost");

    private static JsonPath inferV2(String model, String body) {
        return given().body(body).post("/v2/models/" + model + "/infer").then().statusCode(200).extract().jsonPath();
    }

    private static float[] floats(List<Float> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i);
        }
        return f;
    }

    private static float[] labelsAsFloats() {
        float[] f = new float[IRIS.labels().length];
        for (int i = 0; i < f.length; i++) {
            f[i] = IRIS.labels()[i];
        }
        return f;
    }

    private static void assertProbabilities(float[] flat) {
        assertEquals(150 * 3, flat.length);
        for (int i = 0; i < 150; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(IRIS.probabilities()[i][k], flat[i * 3 + k], TOLERANCE, "row " + i + " class " + k);
            }
        }
    }

    @Test
    void metadataComesFromTheBooster() {
        given().get("/v2/models/iris-xgboost-proba").then().statusCode(200)
                .body("platform", equalTo("xgboost"))
                .body("inputs[0].name", equalTo("input-0"))
                .body("inputs[0].datatype", equalTo("FP32"))
                .body("inputs[0].shape", contains(-1, 4))
                .body("outputs.name", contains("probabilities", "predict"))
                .body("outputs[0].shape", contains(-1, 3))
                .body("outputs[1].shape", contains(-1));
    }

    @Test
    void classifierOutputsOnlyPredictByDefault() {
        given().get("/v2/models/iris-xgboost").then().statusCode(200).body("outputs.name", contains("predict"));
    }

    @Test
    void v2JsonLabelsEqualXgboost() {
        JsonPath json = inferV2("iris-xgboost", IRIS.v2Body("input-0"));
        assertArrayEquals(labelsAsFloats(), floats(json.getList("outputs[0].data", Float.class)));
    }

    @Test
    void v2JsonProbabilitiesMatchXgboost() {
        JsonPath json = inferV2("iris-xgboost-proba", IRIS.v2Body("input-0"));
        assertProbabilities(floats(json.getList("outputs.find { it.name == 'probabilities' }.data", Float.class)));
    }

    @Test
    void v1PredictionsAreXgboostLabels() {
        List<Float> predictions = given().body(IRIS.v1Body()).post("/v1/models/iris-xgboost:predict")
                .then().statusCode(200).extract().jsonPath().getList("predictions", Float.class);
        assertArrayEquals(labelsAsFloats(), floats(predictions));
    }

    @Test
    void v1WithPredictProbaAnswersProbabilityRows() {
        List<List<Float>> rows = given().body(IRIS.v1Body()).post("/v1/models/iris-xgboost-proba:predict")
                .then().statusCode(200).extract().jsonPath().getList("predictions");
        float[] flat = new float[rows.size() * 3];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < 3; k++) {
                flat[i * 3 + k] = ((Number) rows.get(i).get(k)).floatValue();
            }
        }
        assertProbabilities(flat);
    }

    /** KServe's xgboost e2e test (test_xgboost_kserve): xgbserver answers the classes as floats. */
    @Test
    void kserveIrisRowsAreVersicolorAsFloats() {
        String body = given().body("{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}")
                .post("/v1/models/iris-xgboost:predict").then().statusCode(200).extract().asString();
        assertEquals("{\"predictions\":[1.0,1.0]}", body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-xgboost-proba", "iris-xgboost-ubj", "iris-xgboost-bst"})
    void everyFileFormatGivesXgboostLabels(String model) {
        JsonPath json = inferV2(model, IRIS.v2Body("input-0"));
        assertArrayEquals(labelsAsFloats(), floats(json.getList("outputs.find { it.name == 'predict' }.data",
                Float.class)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-xgboost-proba", "iris-xgboost-ubj", "iris-xgboost-bst"})
    void everyFileFormatGivesXgboostProbabilities(String model) {
        JsonPath json = inferV2(model, IRIS.v2Body("input-0"));
        assertProbabilities(floats(json.getList("outputs.find { it.name == 'probabilities' }.data", Float.class)));
    }

    @Test
    void regressorMatchesXgboost() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(
                TestRepository.RESOURCES.resolve("xgboost/petal-width-reference.json").toFile());
        StringBuilder body = new StringBuilder("{\"instances\":[");
        for (int i = 0; i < ref.get("inputs").size(); i++) {
            body.append(i == 0 ? "" : ",").append(ref.get("inputs").get(i));
        }
        List<Float> predictions = given().body(body.append("]}").toString())
                .post("/v1/models/petal-width-xgboost:predict").then().statusCode(200)
                .extract().jsonPath().getList("predictions", Float.class);
        assertEquals(150, predictions.size());
        for (int i = 0; i < 150; i++) {
            assertEquals(ref.get("predictions").get(i).asDouble(), predictions.get(i), TOLERANCE, "row " + i);
        }
    }

    @Test
    void legacyBinaryModelIsUnavailableWithReason() {
        given().body(IRIS.v2Body("input-0")).post("/v2/models/xgboost-legacy/infer").then().statusCode(503)
                .body("error", startsWith("model 'xgboost-legacy' version 1 is UNAVAILABLE: model.bst is not an "
                        + "XGBoost JSON or UBJSON model but XGBoost's legacy binary format"));
    }

    @Test
    void corruptModelIsUnavailableWithReason() {
        given().body(IRIS.v2Body("input-0")).post("/v2/models/xgboost-corrupt/infer").then().statusCode(503)
                .body("error", startsWith("model 'xgboost-corrupt' version 1 is UNAVAILABLE: model.json is not a "
                        + "valid XGBoost model: "));
    }

    @Test
    void wrongFeatureCountIs400NamingTheShape() {
        given().body("{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}")
                .post("/v2/models/iris-xgboost/infer").then().statusCode(400)
                .body("error", equalTo("input 'input-0': shape [1, 3] does not match model 'iris-xgboost' shape "
                        + "[-1, 4] (-1 is any size)"));
    }

    @Test
    void emptyBatchAnswersEmptyOutputs() {
        given().body("{\"inputs\":[{\"name\":\"input-0\",\"shape\":[0,4],\"datatype\":\"FP32\",\"data\":[]}]}")
                .post("/v2/models/iris-xgboost-proba/infer").then().statusCode(200)
                .body("outputs[0].shape", contains(0, 3)).body("outputs[1].shape", contains(0));
    }
}
