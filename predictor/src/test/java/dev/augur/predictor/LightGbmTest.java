package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LightGBM runtime serves exactly what LightGBM predicted from the booster it trained
 * (LightGbmModelGenerator): labels equal, probabilities within 1e-5, for all 150 iris rows.
 */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class LightGbmTest {
    private static final double TOLERANCE = 1e-5;
    private static final IrisReference IRIS = IrisReference.of("iris-lightgbm");

    private static JsonPath inferV2(String model) {
        return given().body(IRIS.v2Body("input-0")).post("/v2/models/" + model + "/infer").then().statusCode(200)
                .extract().jsonPath();
    }

    private static void assertProbabilities(List<? extends Number> flat) {
        assertEquals(150 * 3, flat.size());
        for (int i = 0; i < 150; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(IRIS.probabilities()[i][k], flat.get(i * 3 + k).doubleValue(), TOLERANCE,
                        "row " + i + " class " + k);
            }
        }
    }

    @Test
    void metadataComesFromTheBooster() {
        given().get("/v2/models/iris-lightgbm").then().statusCode(200)
                .body("platform", equalTo("lightgbm"))
                .body("inputs[0].name", equalTo("input-0"))
                .body("inputs[0].datatype", equalTo("FP32"))
                .body("inputs[0].shape", contains(-1, 4))
                .body("outputs.name", contains("probabilities", "label"))
                .body("outputs.datatype", contains("FP64", "INT64"))
                .body("outputs[0].shape", contains(-1, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-lightgbm", "iris-lightgbm-bst"})
    void v2JsonLabelsEqualLightGbm(String model) {
        List<Long> labels = inferV2(model).getList("outputs.find { it.name == 'label' }.data", Long.class);
        assertArrayEquals(IRIS.labels(), labels.stream().mapToLong(Long::longValue).toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-lightgbm", "iris-lightgbm-bst"})
    void v2JsonProbabilitiesMatchLightGbm(String model) {
        assertProbabilities(inferV2(model).getList("outputs.find { it.name == 'probabilities' }.data",
                Double.class));
    }

    /** As KServe's lgbserver: V1 predictions of a multiclass model are the probability rows. */
    @Test
    void v1PredictionsAreLightGbmProbabilityRows() {
        List<List<Number>> rows = given().body(IRIS.v1Body()).post("/v1/models/iris-lightgbm:predict")
                .then().statusCode(200).extract().jsonPath().getList("predictions");
        assertProbabilities(rows.stream().flatMap(List::stream).toList());
    }

    @Test
    void truncatedModelIsUnavailableWithReason() {
        given().body(IRIS.v2Body("input-0")).post("/v2/models/lightgbm-truncated/infer").then().statusCode(503)
                .body("error", startsWith("model 'lightgbm-truncated' version 1 is UNAVAILABLE: model.txt is not a "
                        + "complete LightGBM model: tree "));
    }

    /** LightGBM's parallel parser would abort the JVM on this model; the server must stay up and say why. */
    @Test
    void malformedTreeIsUnavailableWithLightGbmsReason() {
        given().body(IRIS.v2Body("input-0")).post("/v2/models/lightgbm-malformed/infer").then().statusCode(503)
                .body("error", equalTo("model 'lightgbm-malformed' version 1 is UNAVAILABLE: model.txt is not a "
                        + "valid LightGBM model: Tree model should contain num_leaves field"));
    }

    @Test
    void wrongFeatureCountIs400NamingTheShape() {
        given().body("{\"inputs\":[{\"name\":\"input-0\",\"shape\":[1,5],\"datatype\":\"FP32\","
                + "\"data\":[1,2,3,4,5]}]}").post("/v2/models/iris-lightgbm/infer").then().statusCode(400)
                .body("error", equalTo("input 'input-0': shape [1, 5] does not match model 'iris-lightgbm' shape "
                        + "[-1, 4] (-1 is any size)"));
    }

    @Test
    void emptyBatchAnswersEmptyOutputs() {
        given().body("{\"inputs\":[{\"name\":\"input-0\",\"shape\":[0,4],\"datatype\":\"FP32\",\"data\":[]}]}")
                .post("/v2/models/iris-lightgbm/infer").then().statusCode(200)
                .body("outputs[0].shape", contains(0, 3)).body("outputs[1].shape", contains(0));
    }
}
