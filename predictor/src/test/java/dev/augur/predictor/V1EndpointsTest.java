package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class V1EndpointsTest {
    @Test
    void listNamesEveryModel() {
        given().get("/v1/models").then().statusCode(200)
                .body("models", hasItems("iris-logreg", "iris-forest", "iris-versions", "broken"));
    }

    @Test
    void statusSaysReady() {
        given().get("/v1/models/iris-logreg").then().statusCode(200)
                .body("name", equalTo("iris-logreg")).body("ready", equalTo(true));
    }

    @Test
    void statusOfAFailedModelIsNotReady() {
        given().get("/v1/models/broken").then().statusCode(200).body("ready", equalTo(false));
    }
}
