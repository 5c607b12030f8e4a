package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class V2EndpointsTest {
    private static final String ROW = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.9,3.0,5.1,1.8]}],\"outputs\":[{\"name\":\"probabilities\"}]}";

    @Test
    void serverMetadataListsExtensions() {
        given().get("/v2").then().statusCode(200).body("name", equalTo("augur-predictor"))
                .body("extensions", hasItems("binary_tensor_data", "model_repository"));
    }

    @Test
    void liveAndReadyHaveBodies() {
        given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        given().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
    }

    @Test
    void modelMetadataComesFromTheOnnxGraph() {
        given().get("/v2/models/iris-logreg").then().statusCode(200)
                .body("platform", equalTo("onnxruntime_onnx"))
                .body("versions", contains("1"))
                .body("inputs[0].name", equalTo("float_input"))
                .body("inputs[0].datatype", equalTo("FP32"))
                .body("inputs[0].shape", contains(-1, 4))
                .body("outputs.name", contains("label", "probabilities"))
                .body("outputs[0].datatype", equalTo("INT64"));
    }

    @Test
    void modelReadyNamesTheModel() {
        given().get("/v2/models/iris-forest/ready").then().statusCode(200)
                .body("name", equalTo("iris-forest")).body("ready", equalTo(true));
        given().get("/v2/models/iris-versions/versions/1/ready").then().statusCode(200);
    }

    @Test
    void metadataListsEveryVersion() {
        given().get("/v2/models/iris-versions").then().statusCode(200).body("versions", contains("1", "2"));
        given().get("/v2/models/iris-versions/versions/1").then().statusCode(200).body("name", equalTo("iris-versions"));
    }

    @Test
    void eachVersionServesItsOwnModel() {
        // Version 1 is the logistic regression, version 2 the forest: their probabilities for this row differ.
        float logreg = given().body(ROW).post("/v2/models/iris-logreg/infer").then().statusCode(200)
                .extract().jsonPath().getFloat("outputs[0].data[2]");
        float forest = given().body(ROW).post("/v2/models/iris-forest/infer").then().statusCode(200)
                .extract().jsonPath().getFloat("outputs[0].data[2]");
        given().body(ROW).post("/v2/models/iris-versions/versions/1/infer").then().statusCode(200)
                .body("model_version", equalTo("1")).body("outputs[0].data[2]", equalTo(logreg));
        given().body(ROW).post("/v2/models/iris-versions/versions/2/infer").then().statusCode(200)
                .body("model_version", equalTo("2")).body("outputs[0].data[2]", equalTo(forest));
    }

    @Test
    void withoutVersionTheNewestServes() {
        given().body(ROW).post("/v2/models/iris-versions/infer").then().statusCode(200)
                .body("model_version", equalTo("2"));
    }

    @Test
    void onlyRequestedOutputsReturn() {
        given().body(ROW).post("/v2/models/iris-logreg/infer").then().statusCode(200)
                .body("outputs.name", contains("probabilities"));
    }

    @Test
    void idIsEchoed() {
        given().body("{\"id\":\"req-42\"," + ROW.substring(1)).post("/v2/models/iris-logreg/infer").then()
                .statusCode(200).body("id", equalTo("req-42"));
    }

    @Test
    void integerDataForAFloatInputIsTakenAsFloats() {
        given().body("{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5,3,1,0]}]}")
                .post("/v2/models/iris-logreg/infer").then().statusCode(200).body("outputs[0].data", contains(0));
    }
}
