package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI API with security on: refusals are OpenAI's error object ({@code {"error": {"message", "type",
 * "code"}}}), with the codes OpenAI's clients know ({@code invalid_api_key}); the model named in the body is checked
 * against the grant once the gateway resolves it.
 */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityOpenAiTest {
    private static final String COMPLETION = "{\"model\": \"iris\", \"prompt\": \"hello\", \"max_tokens\": 2}";

    @BeforeEach
    void irisRuns() {
        Secured.awaitIris();
    }

    @Test
    void noCredentialIs401InOpenAisErrorForm() {
        as(null).body(COMPLETION).post("/openai/v1/completions").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("error.type", equalTo("authentication_error"))
                .body("error.code", equalTo("invalid_api_key"))
                .body("error.message", containsString("Authorization: Bearer"));
    }

    @Test
    void unknownKeyIs401() {
        as(bearer("sk-not-a-key")).body(COMPLETION).post("/v1/chat/completions").then().statusCode(401)
                .body("error.code", equalTo("invalid_api_key"))
                .body("error.message", equalTo("the API key is not valid"));
    }

    @Test
    void expiredTokenIs401() {
        as(bearer(SecuredGateway.expiredToken())).body(COMPLETION).post("/openai/v1/completions").then()
                .statusCode(401).body("error.message", equalTo("the bearer token has expired"));
    }

    @Test
    void wrongAudienceTokenIs401() {
        as(bearer(SecuredGateway.wrongAudienceToken())).body(COMPLETION).post("/openai/v1/completions").then()
                .statusCode(401).body("error.message", containsString("audience"));
    }

    @Test
    void wrongSignatureTokenIs401() {
        as(bearer(SecuredGateway.wrongSignatureToken())).body(COMPLETION).post("/openai/v1/completions").then()
                .statusCode(401).body("error.message", containsString("signature"));
    }

    /** The model is in the body: the Router's check, in OpenAI's form, before the model is looked up. */
    @Test
    void modelOutsideTheGrantIs403() {
        as(bearer(SecuredGateway.IRIS_KEY)).body(COMPLETION.replace("iris", "fraud"))
                .post("/openai/v1/completions").then().statusCode(403)
                .body("error.type", equalTo("permission_error"))
                .body("error.code", equalTo("permission_denied"))
                .body("error.message", equalTo("this credential is not granted 'infer' on 'fraud'"));
    }

    @Test
    void keyInsideItsGrantListsTheModels() {
        as(bearer(SecuredGateway.IRIS_KEY)).get("/openai/v1/models").then().statusCode(200)
                .body("data.id", hasItem("iris"));
    }

    @Test
    void tokenInsideItsGrantListsTheModels() {
        as(bearer(SecuredGateway.token())).get("/openai/v1/models").then().statusCode(200)
                .body("data.id", hasItem("iris"));
    }
}
