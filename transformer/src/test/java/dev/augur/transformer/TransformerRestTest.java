package dev.augur.transformer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Iris named fields through the transformer's V1 and V2 REST: scikit-learn's labels for all 150 rows. */
@QuarkusTest
@QuarkusTestResource(PredictorResource.class)
class TransformerRestTest {
    static final IrisRows IRIS = IrisRows.load();

    @Test
    void v1NamedFieldsGiveReferenceLabels() {
        JsonPath body = given().body(IRIS.v1Json()).post("/v1/models/iris:predict").then().statusCode(200)
                .extract().jsonPath();
        List<Integer> predictions = body.getList("predictions", Integer.class);
        assertEquals(150, predictions.size());
        for (int r = 0; r < 150; r++) {
            assertEquals(IRIS.labels()[r], predictions.get(r), "row " + r);
        }
    }

    @Test
    void v2NamedInputsGiveLabelAndSpecies() {
        StringBuilder b = new StringBuilder("{\"inputs\": [");
        for (int c = 0; c < 4; c++) {
            b.append(c == 0 ? "" : ", ").append("{\"name\": \"").append(IrisRows.FIELDS[c])
                    .append("\", \"shape\": [150], \"datatype\": \"FP32\", \"data\": [");
            for (int r = 0; r < 150; r++) {
                b.append(r == 0 ? "" : ",").append(IRIS.inputs()[r][c]);
            }
            b.append("]}");
        }
        b.append("], \"outputs\": [{\"name\": \"species\"}]}");
        JsonPath body = given().body(b.toString()).post("/v2/models/iris/infer").then().statusCode(200)
                .body("model_name", equalTo("iris")).body("outputs[0].name", equalTo("species"))
                .body("outputs[0].datatype", equalTo("BYTES")).extract().jsonPath();
        List<String> species = body.getList("outputs[0].data", String.class);
        for (int r = 0; r < 150; r++) {
            assertEquals(IrisRows.SPECIES[IRIS.labels()[r]], species.get(r), "row " + r);
        }
    }

    @Test
    void unknownModelIs404() {
        given().body(IRIS.v1Json()).post("/v1/models/other:predict").then().statusCode(404)
                .body("error", equalTo("unknown model 'other'; this transformer serves 'iris'"));
    }

    @Test
    void metadataNamesTheTransformer() {
        given().get("/v2/models/iris").then().statusCode(200).body("name", equalTo("iris"))
                .body("platform", equalTo("augur-transformer"));
    }
}
