package dev.augur.transformer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.augur.transformer.service.TransformerService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A client's mistake in a field is a 400 naming the field, and the predictor is not called. */
@QuarkusTest
@QuarkusTestResource(PredictorResource.class)
class TransformerErrorsTest {
    @Inject
    TransformerService service;

    private void refused(String body, String error) {
        long calls = service.client().calls();
        double predictorCount = PredictorProcess.get().requests("iris-logreg");
        given().body(body).post("/v1/models/iris:predict").then().statusCode(400).body("error", equalTo(error));
        assertEquals(calls, service.client().calls(), "the transformer called the predictor");
        assertEquals(predictorCount, PredictorProcess.get().requests("iris-logreg"), "the predictor counted a call");
    }

    @Test
    void missingFieldIs400NamingIt() {
        refused("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4}]}",
                "field 'petal_width' is missing");
    }

    @Test
    void wrongTypeIs400NamingTheField() {
        refused("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": \"wide\", \"petal_length\": 1.4, "
                + "\"petal_width\": 0.2}]}", "field 'sepal_width' must be a number, got a string");
    }

    @Test
    void nullValueIsMissingInItsRow() {
        refused("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, "
                + "\"petal_width\": 0.2}, {\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": null, "
                + "\"petal_width\": 0.2}]}", "field 'petal_length' is missing in row 1");
    }

    @Test
    void unknownFieldIs400NamingIt() {
        refused("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, "
                + "\"petal_width\": 0.2, \"colour\": 1}]}",
                "unknown field 'colour'; expected the fields [sepal_length, sepal_width, petal_length, petal_width]");
    }

    @Test
    void validRequestReachesThePredictorOnce() {
        long calls = service.client().calls();
        given().body("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, \"petal_length\": 1.4, "
                + "\"petal_width\": 0.2}, {\"sepal_length\": 6.8, \"sepal_width\": 2.8, \"petal_length\": 4.8, "
                + "\"petal_width\": 1.4}]}").post("/v1/models/iris:predict").then().statusCode(200)
                .body("predictions", equalTo(java.util.List.of(0, 1)));
        assertEquals(calls + 1, service.client().calls());
    }
}
