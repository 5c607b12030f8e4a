package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** KServe's sklearn e2e expectation (test_sklearn_v1): these two rows are class 1. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class KServeE2ETest {
    @ParameterizedTest
    @ValueSource(strings = {"iris-logreg", "iris-forest"})
    void kserveIrisRowsAreVersicolor(String model) {
        given().body("{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}")
                .post("/v1/models/" + model + ":predict")
                .then().statusCode(200).body("predictions", contains(1, 1));
    }
}
