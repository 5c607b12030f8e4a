package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /augur/graphs} (what {@code augur status} shows): readiness from the services a graph names. */
@QuarkusTest
class GraphStatusTest {

    @Test
    void aGraphIsReadyWhenEveryServiceItNamesIs() {
        Gateway.readyPort("iris");
        Gateway.readyPort("forest");
        given().get("/augur/graphs").then().statusCode(200)
                .body("graphs.find { it.name == 'vote' }.ready", equalTo(true))
                .body("graphs.find { it.name == 'vote' }.url", equalTo("http://vote.default.example.com"));
    }

    @Test
    void aGraphNamingAMissingServiceWaitsForIt() {
        given().get("/augur/graphs").then().statusCode(200)
                .body("graphs.find { it.name == 'waiting' }.ready", equalTo(false))
                .body("graphs.find { it.name == 'waiting' }.waitingFor", equalTo(List.of("not-deployed")));
    }

    @Test
    void aStepNamingAMissingServiceAnswers404() {
        Gateway.readyPort("iris");
        GraphTest.post("waiting", Reference.v1(Reference.LOGREG, 0)).statusCode(404)
                .header("x-augur-graph-trace", "root.0=iris:200, root.1=not-deployed:404");
    }

    @Test
    void anInvalidGraphFileIsReportedNamingFileAndField() throws Exception {
        LocalServices.write("bad-graph", "apiVersion: serving.kserve.io/v1alpha1\nkind: InferenceGraph\n"
                + "metadata:\n  name: bad\nspec:\n  nodes:\n    root:\n      routerType: Splitter\n      steps:\n"
                + "        - {serviceName: iris, weight: 30}\n        - {serviceName: forest, weight: 60}\n");
        String expected = LocalServices.servicesDir.resolve("bad-graph.yaml")
                + ": spec.nodes.root.steps weights must sum to 100 in a Splitter node, got 90";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && !given().get("/augur/services").then().extract().jsonPath()
                .getList("errors", String.class).contains(expected)) {
            Gateway.sleep(100);
        }
        given().get("/augur/services").then().body("errors", hasItem(expected));
        given().get("/augur/graphs").then().body("graphs.name", org.hamcrest.Matchers.not(hasItem("bad")));
        java.nio.file.Files.delete(LocalServices.servicesDir.resolve("bad-graph.yaml"));
    }

    @Test
    void graphAnswersCarryTheRequestId() {
        Gateway.readyPort("iris");
        given().header("x-request-id", "graph-req-1").contentType("application/json")
                .body(Reference.v1(Reference.LOGREG, 0)).post("/augur/graphs/vote").then()
                .header("x-request-id", "graph-req-1").header("x-augur-graph-trace", startsWith("root."));
    }
}
