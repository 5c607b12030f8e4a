package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dev.augur.catalog.ComponentCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V2 REST with security on: no credential, an unknown key, an expired, wrong-audience or wrongly signed token are
 * 401 with a challenge; a key outside its grant 403; a key or token inside it gets iris' answer. Errors are
 * {@code {"error": "..."}}.
 */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityV2Test {
    private static final String PATH = "/v2/models/iris/infer";

    @Inject
    ComponentCredentials run;

    @BeforeEach
    void irisRuns() {
        Secured.awaitIris();
    }

    @Test
    void noCredentialIs401WithABearerChallenge() {
        as(null).body(Iris.V2).post(PATH).then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"augur\""))
                .body("error", containsString("Authorization: Bearer"));
    }

    @Test
    void unknownKeyIs401() {
        as(bearer("augur_not_a_key")).body(Iris.V2).post(PATH).then().statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("error", equalTo("the API key is not valid"));
    }

    @Test
    void expiredTokenIs401() {
        as(bearer(SecuredGateway.expiredToken())).body(Iris.V2).post(PATH).then().statusCode(401)
                .body("error", equalTo("the bearer token has expired"));
    }

    @Test
    void wrongAudienceTokenIs401() {
        as(bearer(SecuredGateway.wrongAudienceToken())).body(Iris.V2).post(PATH).then().statusCode(401)
                .body("error", containsString("audience"));
    }

    @Test
    void wrongSignatureTokenIs401() {
        as(bearer(SecuredGateway.wrongSignatureToken())).body(Iris.V2).post(PATH).then().statusCode(401)
                .body("error", equalTo("the bearer token's signature does not verify"));
    }

    @Test
    void keyOutsideItsGrantIs403NamingTheServiceNotTheKey() {
        as(bearer(SecuredGateway.IRIS_KEY)).body(Iris.V2).post("/v2/models/fraud/infer").then().statusCode(403)
                .body("error", equalTo("this credential is not granted 'infer' on 'fraud'"))
                .body("error", not(containsString(SecuredGateway.IRIS_KEY)));
    }

    @Test
    void keyWithoutTheExplainVerbIs403() {
        as(bearer(SecuredGateway.IRIS_KEY)).body(Iris.V2).post("/v2/models/iris/explain").then().statusCode(403)
                .body("error", containsString("'explain'"));
    }

    /** Both sample rows are versicolor (class 1) for iris-logreg (models/iris-logreg/reference.json). */
    @Test
    void keyInsideItsGrantGetsTheModelsAnswer() {
        as(bearer(SecuredGateway.IRIS_KEY)).body(Iris.V2).post(PATH).then().statusCode(200)
                .body("outputs.find { it.name == 'label' }.data", equalTo(List.of(1, 1)));
    }

    @Test
    void tokenInsideItsGrantGetsTheModelsAnswer() {
        as(bearer(SecuredGateway.token())).body(Iris.V2).post(PATH).then().statusCode(200)
                .body("outputs.find { it.name == 'label' }.data", equalTo(List.of(1, 1)));
    }

    /**
     * A transformer or explainer of this run calls its predictor back through the gateway presenting the run's
     * internal token (no client credential to forward): admitted as the gateway's own component.
     */
    @Test
    void theRunsInternalTokenIsAdmittedAsAComponent() {
        as(bearer(run.internalToken().orElseThrow())).body(Iris.V2).post(PATH).then().statusCode(200)
                .body("outputs.find { it.name == 'label' }.data", equalTo(List.of(1, 1)));
    }
}
