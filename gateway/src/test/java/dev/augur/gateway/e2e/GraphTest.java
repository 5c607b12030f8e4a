package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KServe's graph e2e scenarios on real predictors ({@link GraphFixtures}): answers are checked against the models'
 * reference predictions (scikit-learn's), and the trace header against the steps the spec says must run.
 */
@QuarkusTest
class GraphTest {
    /** Petal length 5.0: the Switch's "large" step; logreg and forest disagree on it. */
    static final int LARGE = 77;
    /** Petal length 1.4: the Switch's "small" step. */
    static final int SMALL = 0;
    /** Petal length 4.5: no Switch step matches; logreg and forest disagree on it. */
    static final int MIDDLE = 106;

    @BeforeEach
    void servicesAreReady() {
        Gateway.readyPort("iris");
        Gateway.readyPort("forest");
    }

    static ValidatableResponse post(String graph, String body) {
        return given().contentType("application/json").body(body).post("/augur/graphs/" + graph).then();
    }

    @Test
    void sequencePassesTheFirstAnswerOnWithResponse() {
        List<Integer> got = post("seq-response", "{\"rows\": [0, 60, 120]}").statusCode(200)
                .extract().jsonPath().getList("predictions", Integer.class);
        assertEquals(List.of(Reference.label(Reference.LOGREG, 0), Reference.label(Reference.LOGREG, 60),
                Reference.label(Reference.LOGREG, 120)), got);
    }

    @Test
    void sequenceAnswersWithItsLastStep() {
        post("seq-request", Reference.v1(Reference.LOGREG, LARGE)).statusCode(200)
                .header("x-augur-graph-trace", "root.0=forest:200, root.1=iris:200")
                .body("predictions[0]", equalTo(Reference.label(Reference.LOGREG, LARGE)));
    }

    @Test
    void sequenceRunsAConditionalStepWhenThePreviousAnswerMatches() {
        assertEquals(2, Reference.label(Reference.LOGREG, LARGE));
        post("seq-condition", Reference.v1(Reference.LOGREG, LARGE)).statusCode(200)
                .header("x-augur-graph-trace", "root.0=iris:200, root.1=forest:200")
                .body("predictions[0]", equalTo(Reference.label(Reference.FOREST, LARGE)));
    }

    @Test
    void sequenceStopsWithThePreviousAnswerWhenAConditionDoesNotMatch() {
        assertNotEquals(2, Reference.label(Reference.LOGREG, MIDDLE));
        post("seq-condition", Reference.v1(Reference.LOGREG, MIDDLE)).statusCode(200)
                .header("x-augur-graph-trace", "root.0=iris:200")
                .body("predictions[0]", equalTo(Reference.label(Reference.LOGREG, MIDDLE)));
    }

    @Test
    void aFirstStepWhoseConditionDoesNotMatchTheRequestIs404() {
        post("first-condition", Reference.v1(Reference.LOGREG, MIDDLE)).statusCode(404)
                .body("cause", equalTo("the condition of the first step of node root did not match the request"));
    }

    @Test
    void switchRunsTheStepWhoseConditionMatchesTheRequest() {
        assertNotEquals(Reference.label(Reference.LOGREG, LARGE), Reference.label(Reference.FOREST, LARGE));
        post("choose", Reference.v1(Reference.LOGREG, LARGE)).statusCode(200)
                .header("x-augur-graph-trace", "root.large=forest:200")
                .body("predictions[0]", equalTo(Reference.label(Reference.FOREST, LARGE)));
    }

    @Test
    void switchRunsItsFirstStepForASmallFlower() {
        post("choose", Reference.v1(Reference.LOGREG, SMALL)).statusCode(200)
                .header("x-augur-graph-trace", "root.small=iris:200")
                .body("predictions[0]", equalTo(Reference.label(Reference.LOGREG, SMALL)));
    }

    @Test
    void switchWithNoMatchingConditionAnswersKServes404() {
        post("choose", Reference.v1(Reference.LOGREG, MIDDLE)).statusCode(404)
                .body("error", equalTo("Failed to process request"))
                .body("cause", equalTo("None of the routes matched with the switch condition"));
    }

    @Test
    void ensembleAnswersEveryStepKeyedByNameOrIndex() {
        post("vote", Reference.v1(Reference.LOGREG, MIDDLE)).statusCode(200)
                .body("logreg.predictions[0]", equalTo(Reference.label(Reference.LOGREG, MIDDLE)))
                .body("'1'.predictions[0]", equalTo(Reference.label(Reference.FOREST, MIDDLE)));
    }

    @Test
    void nestedNodeAnswersUnderItsStepName() {
        post("nested", Reference.v1(Reference.LOGREG, LARGE)).statusCode(200)
                .header("x-augur-graph-trace", containsString("choose.large=forest:200"))
                .body("direct.predictions[0]", equalTo(Reference.label(Reference.LOGREG, LARGE)))
                .body("routed.predictions[0]", equalTo(Reference.label(Reference.FOREST, LARGE)));
    }

    @Test
    void aRoutingErrorInANestedNodeIs500AsInKServe() {
        post("nested", Reference.v1(Reference.LOGREG, MIDDLE)).statusCode(500)
                .body("cause", equalTo("None of the routes matched with the switch condition"));
    }

    @Test
    void kserveGraphHostRoutesTheRootPath() {
        given().header("Host", "choose.default.example.com").contentType("application/json")
                .body(Reference.v1(Reference.LOGREG, LARGE)).post("/").then().statusCode(200)
                .header("x-augur-graph-trace", "root.large=forest:200")
                .body("predictions[0]", equalTo(Reference.label(Reference.FOREST, LARGE)));
    }

    @Test
    void kserveGraphHostRoutesAnInferencePathToo() {
        given().header("Host", "choose.default.example.com").contentType("application/json")
                .body(Reference.v1(Reference.LOGREG, LARGE)).post("/v1/models/anything:predict").then()
                .statusCode(200).header("x-augur-graph-trace", "root.large=forest:200");
    }

    @Test
    void anUnknownGraphIs404() {
        post("nope", Reference.v1(Reference.LOGREG, 0)).statusCode(404)
                .body("error", equalTo("InferenceGraph 'nope' not found"));
    }

    @Test
    void stepsAreCountedPerNodeAndStep() {
        post("vote", Reference.v1(Reference.LOGREG, 0)).statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString(
                "augur_graph_step_seconds_count{code=\"200\",graph=\"vote\",node=\"root\",step=\"logreg\"}"));
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString(
                "augur_graph_node_seconds_count{code=\"200\",graph=\"vote\",node=\"root\"}"));
    }
}
