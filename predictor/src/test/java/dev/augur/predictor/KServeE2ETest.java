package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * KServe's e2e expectations: sklearn (test_sklearn_v1), these two rows are class 1; PMML (test_pmml_kserve), this
 * row is setosa with probability 1.
 */
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

    @Test
    void kservePmmlRowIsSetosa() {
        given().body("{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}")
                .post("/v1/models/iris-pmml:predict")
                .then().statusCode(200)
                .body("predictions[0].Species", equalTo("setosa"))
                .body("predictions[0].Probability_setosa", equalTo(1.0f))
                .body("predictions[0].Probability_versicolor", equalTo(0.0f))
                .body("predictions[0].Probability_virginica", equalTo(0.0f));
    }
}
