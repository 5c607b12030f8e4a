package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grants by label: the {@code fraud-team} key and the {@code fraud-users} role name no service, only the label
 * {@code team: fraud}, which iris carries and ledger ({@code team: risk}) does not. Checked where the service is
 * resolved, so a service that does not exist is refused in the same words as one of another team.
 */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityLabelTest {
    private static final String FRAUD = bearer(SecuredGateway.FRAUD_KEY);

    @BeforeEach
    void irisRuns() {
        Secured.awaitIris();
    }

    /** Both sample rows are versicolor (class 1) for iris-logreg (models/iris-logreg/reference.json). */
    @Test
    void keyGrantedByLabelGetsTheLabelledServicesAnswer() {
        as(FRAUD).body(Iris.V2).post("/v2/models/iris/infer").then().statusCode(200)
                .body("outputs.find { it.name == 'label' }.data", equalTo(List.of(1, 1)));
    }

    @Test
    void tokenWhoseRoleGrantsByLabelGetsTheAnswer() {
        as(bearer(SecuredGateway.token("fraud-users"))).body(Iris.V1).post("/v1/models/iris:predict").then()
                .statusCode(200).body("predictions", equalTo(List.of(1, 1)));
    }

    @Test
    void serviceOfAnotherTeamIs403() {
        as(FRAUD).body(Iris.V2).post("/v2/models/ledger/infer").then().statusCode(403)
                .body("error", equalTo("this credential is not granted 'infer' on 'ledger'"));
    }

    @Test
    void serviceThatDoesNotExistIsRefusedInTheSameWords() {
        as(FRAUD).body(Iris.V2).post("/v2/models/ghost/infer").then().statusCode(403)
                .body("error", equalTo("this credential is not granted 'infer' on 'ghost'"));
    }

    /** The model is named only in the message: the byte-level ModelInfer ingress resolves it through the gate. */
    @Test
    void grpcCallToTheLabelledServiceIsAnswered() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            assertArrayEquals(new long[] {1, 1}, Secured.labels(gateway.stub().withInterceptors(Secured.sending(FRAUD))
                    .withDeadlineAfter(60, TimeUnit.SECONDS).modelInfer(Iris.grpc("iris"))));
        }
    }

    @Test
    void grpcCallToAServiceOfAnotherTeamIsPermissionDenied() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> gateway.stub()
                    .withInterceptors(Secured.sending(FRAUD)).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .modelInfer(Iris.grpc("ledger")));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
            assertEquals("this credential is not granted 'infer' on 'ledger'", e.getStatus().getDescription());
        }
    }

    @Test
    void openAiModelOfAnotherTeamIs403() {
        as(FRAUD).body("{\"model\": \"ledger\", \"prompt\": \"hello\", \"max_tokens\": 2}")
                .post("/openai/v1/completions").then().statusCode(403)
                .body("error.code", equalTo("permission_denied"))
                .body("error.message", equalTo("this credential is not granted 'infer' on 'ledger'"));
    }
}
