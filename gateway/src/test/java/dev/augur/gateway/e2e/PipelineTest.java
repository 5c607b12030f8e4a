package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An InferenceService with a transformer and an explainer, each its own process: predict enters at the
 * transformer, explain at the explainer, and both reach the predictor back through the gateway. Expected values are
 * scikit-learn's (the model's reference file), not the components' own answers.
 */
@QuarkusTest
class PipelineTest {
    private static final String[] FIELDS = {"sepal_length", "sepal_width", "petal_length", "petal_width"};
    private static final String[] SPECIES = {"setosa", "versicolor", "virginica"};
    private static final JsonPath REFERENCE = JsonPath.from(
            new File(LocalServices.MODELS.resolve("iris-logreg/reference.json").toString()));

    @BeforeEach
    void componentsAreReady() {
        Gateway.await("pipeline", Duration.ofSeconds(120),
                l -> l.size() == 3 && l.stream().allMatch(r -> "READY".equals(r.get("state"))),
                "predictor, transformer and explainer READY");
    }

    private static List<Float> row(int r) {
        return REFERENCE.getList("inputs[" + r + "]", Float.class);
    }

    private static int label(int r) {
        return REFERENCE.getInt("labels[" + r + "]");
    }

    private static String namedRows(int... rows) {
        StringBuilder b = new StringBuilder("{\"instances\": [");
        for (int i = 0; i < rows.length; i++) {
            List<Float> x = row(rows[i]);
            b.append(i == 0 ? "{" : ", {");
            for (int c = 0; c < 4; c++) {
                b.append(c == 0 ? "" : ", ").append('"').append(FIELDS[c]).append("\": ").append(x.get(c));
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }

    @Test
    void v1NamedFieldsGoThroughTheTransformerToSklearnLabels() {
        int[] rows = {0, 25, 50, 70, 100, 133, 149};
        List<Integer> got = given().contentType("application/json").body(namedRows(rows))
                .post("/v1/models/pipeline:predict").then().statusCode(200)
                .header("x-augur-revision", org.hamcrest.Matchers.startsWith("pipeline-transformer-"))
                .extract().jsonPath().getList("predictions", Integer.class);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(label(rows[i]), got.get(i), "row " + rows[i]);
        }
    }

    @Test
    void v2NamedInputsGetTheTransformersSpeciesLabels() {
        int[] rows = {0, 60, 120};
        StringBuilder b = new StringBuilder("{\"inputs\": [");
        for (int c = 0; c < 4; c++) {
            b.append(c == 0 ? "" : ", ").append("{\"name\": \"").append(FIELDS[c])
                    .append("\", \"shape\": [3], \"datatype\": \"FP32\", \"data\": [");
            for (int i = 0; i < rows.length; i++) {
                b.append(i == 0 ? "" : ", ").append(row(rows[i]).get(c));
            }
            b.append("]}");
        }
        b.append("], \"outputs\": [{\"name\": \"species\"}]}");
        List<String> species = given().contentType("application/json").body(b.toString())
                .post("/v2/models/pipeline/infer").then().statusCode(200)
                .body("outputs[0].name", equalTo("species")).extract().jsonPath()
                .getList("outputs[0].data", String.class);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(SPECIES[label(rows[i])], species.get(i), "row " + rows[i]);
        }
    }

    @Test
    void aMissingFieldIs400NamingItFromTheTransformer() {
        given().contentType("application/json")
                .body("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4}]}")
                .post("/v1/models/pipeline:predict").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("petal_width"));
    }

    /** KernelSHAP with every coalition: attributions add up to f(x) - E[f(background)], from sklearn's numbers. */
    @Test
    void v1ExplainIsKernelShapWithSklearnAdditivity() {
        int r = 0;
        JsonPath e = given().contentType("application/json")
                .body("{\"instances\": [" + row(r) + "]}").post("/v1/models/pipeline:explain").then()
                .statusCode(200).body("explanations.method", equalTo("kernel-shap"))
                .extract().jsonPath();
        int cls = e.getInt("explanations.data[0].prediction.class");
        assertEquals(label(r), cls);
        List<Float> shap = e.getList("explanations.data[0].shap_values", Float.class);
        double sum = shap.stream().mapToDouble(Float::doubleValue).sum();
        double mean = 0;
        for (int i = 0; i < 150; i++) {
            mean += REFERENCE.getDouble("probabilities[" + i + "][" + cls + "]") / 150;
        }
        double fx = REFERENCE.getDouble("probabilities[" + r + "][" + cls + "]");
        assertEquals(fx - mean, sum, 1e-4);
    }

    @Test
    void v2ExplainTakesTensors() {
        given().contentType("application/json").body("{\"inputs\": [{\"name\": \"float_input\", \"shape\": [1, 4], "
                + "\"datatype\": \"FP32\", \"data\": " + row(100) + "}], \"parameters\": {\"method\": \"lime\"}}")
                .post("/v2/models/pipeline/explain").then().statusCode(200)
                .body("explanations.method", equalTo("lime"))
                .body("explanations.data[0].prediction.class", equalTo(label(100)));
    }

    @Test
    void explainWithoutAnExplainerIs404() {
        given().contentType("application/json").body(Iris.V1).post("/v1/models/iris:explain").then()
                .statusCode(404).body("error", equalTo("InferenceService 'iris' has no explainer (spec.explainer)"));
    }
}
