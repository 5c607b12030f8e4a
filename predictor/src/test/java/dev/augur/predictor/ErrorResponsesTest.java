package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each client mistake gets the protocol's error body, the right status and a message that says what to fix. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class ErrorResponsesTest {

    private static ValidatableResponse infer(String model, String body) {
        return given().body(body).post("/v2/models/" + model + "/infer").then();
    }

    private static String input(String shape, String datatype, String data) {
        return "{\"inputs\":[{\"name\":\"float_input\",\"shape\":" + shape + ",\"datatype\":\"" + datatype
                + "\",\"data\":" + data + "}]}";
    }

    @AfterEach
    void serverStaysHealthy() {
        given().get("/v2/health/live").then().statusCode(200);
        infer("iris-logreg", input("[1,4]", "FP32", "[5.1,3.5,1.4,0.2]")).statusCode(200);
    }

    @Test
    void malformedJsonIs400() {
        infer("iris-logreg", "{\"inputs\": [").statusCode(400)
                .body("error", startsWith("malformed JSON at line 1, column 13"));
    }

    @Test
    void missingInputsIs400() {
        infer("iris-logreg", "{\"id\": \"1\"}").statusCode(400).body("error", equalTo("request has no 'inputs'"));
    }

    @Test
    void unknownDatatypeIs400() {
        infer("iris-logreg", input("[1,4]", "FLOAT32", "[1,2,3,4]")).statusCode(400)
                .body("error", startsWith("input 'float_input': unknown datatype 'FLOAT32'; expected one of BOOL"));
    }

    @Test
    void elementCountNotMatchingShapeIs400() {
        infer("iris-logreg", input("[2,4]", "FP32", "[1,2,3,4]")).statusCode(400)
                .body("error", equalTo("input 'float_input': shape [2, 4] needs 8 elements, 'data' has 4"));
    }

    @Test
    void shapeTheModelDoesNotTakeIs400() {
        infer("iris-logreg", input("[1,3]", "FP32", "[1,2,3]")).statusCode(400)
                .body("error", equalTo("input 'float_input': shape [1, 3] does not match model 'iris-logreg' shape "
                        + "[-1, 4] (-1 is any size)"));
    }

    @Test
    void datatypeTheModelDoesNotTakeIs400() {
        infer("iris-logreg", input("[1,4]", "FP64", "[1,2,3,4]")).statusCode(400)
                .body("error", equalTo("input 'float_input': datatype FP64 but model 'iris-logreg' takes FP32"));
    }

    @Test
    void unknownInputNameIs400() {
        infer("iris-logreg", "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}]}")
                .statusCode(400).body("error",
                        equalTo("model 'iris-logreg' has no input 'x'; its inputs are [float_input]"));
    }

    @Test
    void unknownOutputNameIs400() {
        infer("iris-logreg", "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"data\":[1,2,3,4]}],\"outputs\":[{\"name\":\"proba\"}]}").statusCode(400)
                .body("error", equalTo("model 'iris-logreg' has no output 'proba'; its outputs are [label, probabilities]"));
    }

    @Test
    void unknownModelIs404() {
        infer("nope", input("[1,4]", "FP32", "[1,2,3,4]")).statusCode(404)
                .body("error", equalTo("model 'nope' is not in the repository"));
        given().get("/v2/models/nope").then().statusCode(404);
        given().get("/v1/models/nope").then().statusCode(404);
    }

    @Test
    void unknownVersionIs404() {
        given().body(input("[1,4]", "FP32", "[1,2,3,4]")).post("/v2/models/iris-versions/versions/9/infer").then()
                .statusCode(404).body("error", equalTo("model 'iris-versions' has no version 9; versions: [1, 2]"));
    }

    @Test
    void modelThatFailedToLoadIs503WithItsReason() {
        infer("broken", input("[1,4]", "FP32", "[1,2,3,4]")).statusCode(503)
                .body("error", startsWith("model 'broken' version 1 is UNAVAILABLE: "));
        given().get("/v2/models/broken/ready").then().statusCode(503);
    }

    @Test
    void bodyOverTheLimitIs413() {
        // The test profile limits bodies to 1 MiB.
        String big = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,2,3,4]}],"
                + "\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
        infer("iris-logreg", big).statusCode(413).body("error", startsWith("request body is larger than"));
    }

    @Test
    void v1RowsWithTheWrongFeatureCountAre400() {
        // KServe's sklearn server answers 500 here.
        given().body("{\"instances\": [[1, 2, 3]]}").post("/v1/models/iris-logreg:predict").then().statusCode(400)
                .body("error", equalTo("input 'float_input': shape [1, 3] does not match model 'iris-logreg' shape "
                        + "[-1, 4] (-1 is any size)"));
    }

    @Test
    void v1StringsForANumericModelAre400() {
        given().body("{\"instances\": [[\"a\", \"b\", \"c\", \"d\"]]}").post("/v1/models/iris-logreg:predict").then()
                .statusCode(400).body("error", equalTo("input 'float_input': BYTES data cannot be used as FP32"));
    }

    @Test
    void badBinaryHeaderIs400() {
        given().header("Inference-Header-Content-Length", "ten").body(input("[1,4]", "FP32", "[1,2,3,4]"))
                .post("/v2/models/iris-logreg/infer").then().statusCode(400)
                .body("error", equalTo("Inference-Header-Content-Length must be a non-negative integer, got 'ten'"));
    }

    @Test
    void emptyBodyIs400() {
        given().post("/v2/models/iris-logreg/infer").then().statusCode(400)
                .body("error", equalTo("request body is empty; expected a JSON object with 'inputs'"));
    }
}
