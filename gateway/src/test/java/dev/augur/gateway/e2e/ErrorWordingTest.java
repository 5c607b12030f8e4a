package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own wording of the HTTP layer's refusals, which differs from a component's (the server module's
 * mapper says "HTTP 404 Not Found"): a client of the edge is told which hop refused. The suite's body limit is 256K
 * (LocalServices).
 */
@QuarkusTest
class ErrorWordingTest {

    @Test
    void aPathNoRouteMatchesIsNoSuchEndpoint() {
        given().get("/v9/nothing/here").then().statusCode(404).body("error", equalTo("no such endpoint"));
    }

    @Test
    void aDeclaredBodyOverTheLimitNamesTheGatewaysLimit() {
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        given().contentType("application/json").body(big).post("/v2/models/iris/infer").then().statusCode(413)
                .body("error", equalTo("request body is larger than the gateway's limit of 262144 bytes "
                        + "(quarkus.http.limits.max-body-size)"));
    }
}
