package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PMML runtime on models/iris-pmml (a scikit-learn decision tree written as a PMML TreeModel), checked against
 * scikit-learn's own predictions for all 150 iris rows.
 */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class PmmlRuntimeTest {
    static final PmmlReference REF = PmmlReference.load();
    static final double TOLERANCE = 1e-5;

    private static JsonNode post(String path, String body) throws Exception {
        String json = given().body(body).post(path).then().statusCode(200).extract().asString();
        return PmmlReference.JSON.readTree(json);
    }

    private static JsonNode v2(String body) throws Exception {
        return post("/v2/models/iris-pmml/infer", body);
    }

    private static String v2Matrix() {
        return "{\"inputs\":[{\"name\":\"input\",\"shape\":[" + REF.rows() + ",4],\"datatype\":\"FP64\",\"data\":"
                + REF.flatJson() + "}]}";
    }

    private static JsonNode output(JsonNode response, String name) {
        for (JsonNode o : response.get("outputs")) {
            if (o.get("name").asText().equals(name)) {
                return o.get("data");
            }
        }
        throw new AssertionError("no output " + name + " in " + response);
    }

    private static void assertProbabilities(JsonNode[] perClass) {
        for (int r = 0; r < REF.rows(); r++) {
            for (int k = 0; k < REF.classes().size(); k++) {
                assertEquals(REF.probabilities()[r][k], perClass[k].get(r).asDouble(), TOLERANCE,
                        "row " + r + " class " + REF.classes().get(k));
            }
        }
    }

    private static JsonNode[] v2Probabilities(JsonNode response) {
        return REF.classes().stream().map(c -> output(response, "Probability_" + c)).toArray(JsonNode[]::new);
    }

    /** V1 row objects turned into one column per key, to compare like V2 outputs. */
    private static JsonNode v1Column(JsonNode predictions, String key) {
        var column = PmmlReference.JSON.createArrayNode();
        predictions.forEach(row -> column.add(row.get(key)));
        return column;
    }

    @Test
    void metadataHasTheFieldMatrixAndOneOutputPerOutputField() {
        given().get("/v2/models/iris-pmml").then().statusCode(200)
                .body("platform", equalTo("pmml4s_pmml"))
                .body("inputs.name", contains("input"))
                .body("inputs[0].datatype", equalTo("FP64"))
                .body("inputs[0].shape", contains(-1, 4))
                .body("outputs.name", contains("Species", "Probability_setosa", "Probability_versicolor",
                        "Probability_virginica", "Node_Id"))
                .body("outputs.datatype", contains("BYTES", "FP64", "FP64", "FP64", "BYTES"));
    }

    @Test
    void v2SpeciesEqualSklearnForAllRows() throws Exception {
        assertEquals(REF.labels(), PmmlReference.strings(output(v2(v2Matrix()), "Species")));
    }

    @Test
    void v2ProbabilitiesMatchSklearnForAllRows() throws Exception {
        assertProbabilities(v2Probabilities(v2(v2Matrix())));
    }

    @Test
    void v2NodeIdsAreSklearnLeaves() throws Exception {
        assertEquals(REF.nodeIds(), PmmlReference.strings(output(v2(v2Matrix()), "Node_Id")));
    }

    @Test
    void v2NamedFeaturesAreStackedInFieldOrder() throws Exception {
        List<String> inputs = new ArrayList<>();
        for (int c = REF.fields().size() - 1; c >= 0; c--) { // reversed: order must not matter
            inputs.add("{\"name\":\"" + REF.fields().get(c) + "\",\"shape\":[" + REF.rows()
                    + "],\"datatype\":\"FP64\",\"data\":" + REF.columnJson(c) + "}");
        }
        JsonNode r = v2("{\"parameters\":{\"content_type\":\"pd\"},\"inputs\":[" + String.join(",", inputs) + "]}");
        assertEquals(REF.labels(), PmmlReference.strings(output(r, "Species")));
    }

    @Test
    void v1PredictionsAreRowObjectsWithSklearnSpecies() throws Exception {
        JsonNode p = post("/v1/models/iris-pmml:predict", "{\"instances\":" + REF.rowsJson() + "}")
                .get("predictions");
        assertEquals(REF.labels(), PmmlReference.strings(v1Column(p, "Species")));
    }

    @Test
    void v1ProbabilitiesMatchSklearnForAllRows() throws Exception {
        JsonNode p = post("/v1/models/iris-pmml:predict", "{\"instances\":" + REF.rowsJson() + "}")
                .get("predictions");
        assertProbabilities(REF.classes().stream().map(c -> v1Column(p, "Probability_" + c))
                .toArray(JsonNode[]::new));
    }

    @Test
    void v1NamedFeaturesGiveSklearnSpecies() throws Exception {
        JsonNode p = post("/v1/models/iris-pmml:predict", "{\"instances\":" + REF.objectsJson() + "}")
                .get("predictions");
        assertEquals(REF.labels(), PmmlReference.strings(v1Column(p, "Species")));
    }

    @Test
    void wrongFieldCountIs400() {
        given().body("{\"instances\": [[5.1, 3.5, 1.4]]}").post("/v1/models/iris-pmml:predict")
                .then().statusCode(400)
                .body("error", equalTo("input 'input': shape [1, 3] does not match model 'iris-pmml' shape "
                        + "[-1, 4] (-1 is any size)"));
    }

    @Test
    void missingNamedFieldIs400() {
        given().body("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4}]}")
                .post("/v1/models/iris-pmml:predict")
                .then().statusCode(400)
                .body("error", containsString("missing [petal_width]"));
    }

    @Test
    void corruptPmmlIsUnavailableWithItsReason() {
        given().body("{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}").post("/v1/models/broken-pmml:predict")
                .then().statusCode(503)
                .body("error", startsWith("model 'broken-pmml' version 1 is UNAVAILABLE: model.pmml is not "
                        + "well-formed XML (line "));
    }
}
