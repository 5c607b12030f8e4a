package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** V1 REST with security on: the same matrix as {@link SecurityV2Test}, {@code {"error": "..."}} bodies. */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityV1Test {
    private static final String PATH = "/v1/models/iris:predict";

    @BeforeEach
    void irisRuns() {
        Secured.awaitIris();
    }

    @Test
    void noCredentialIs401() {
        as(null).body(Iris.V1).post(PATH).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"))
                .body("error", containsString("credential"));
    }

    @Test
    void unknownKeyIs401() {
        as(bearer("augur_not_a_key")).body(Iris.V1).post(PATH).then().statusCode(401)
                .body("error", equalTo("the API key is not valid"));
    }

    @Test
    void basicCredentialIs401() {
        as("Basic dXNlcjpwYXNz").body(Iris.V1).post(PATH).then().statusCode(401)
                .body("error", containsString("not a bearer credential"));
    }

    @Test
    void expiredTokenIs401() {
        as(bearer(SecuredGateway.expiredToken())).body(Iris.V1).post(PATH).then().statusCode(401)
                .body("error", equalTo("the bearer token has expired"));
    }

    @Test
    void wrongAudienceTokenIs401() {
        as(bearer(SecuredGateway.wrongAudienceToken())).body(Iris.V1).post(PATH).then().statusCode(401)
                .body("error", containsString("audience"));
    }

    @Test
    void wrongSignatureTokenIs401() {
        as(bearer(SecuredGateway.wrongSignatureToken())).body(Iris.V1).post(PATH).then().statusCode(401)
                .body("error", containsString("signature"));
    }

    @Test
    void keyOutsideItsGrantIs403() {
        as(bearer(SecuredGateway.IRIS_KEY)).body(Iris.V1).post("/v1/models/fraud:predict").then().statusCode(403)
                .body("error", equalTo("this credential is not granted 'infer' on 'fraud'"));
    }

    @Test
    void keyInsideItsGrantGetsTheModelsAnswer() {
        as(bearer(SecuredGateway.IRIS_KEY)).body(Iris.V1).post(PATH).then().statusCode(200)
                .body("predictions", equalTo(List.of(1, 1)));
    }

    @Test
    void tokenInsideItsGrantGetsTheModelsAnswer() {
        as(bearer(SecuredGateway.token())).body(Iris.V1).post(PATH).then().statusCode(200)
                .body("predictions", equalTo(List.of(1, 1)));
    }
}
