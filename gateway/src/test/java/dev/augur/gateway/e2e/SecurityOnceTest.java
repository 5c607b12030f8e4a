package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.gateway.security.Authenticator;
import dev.augur.proto.inference.GrpcPredictV2.ModelReadyRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request's credential is verified once: by the security filter, which carries the caller on to where the service
 * is resolved (the gate) and to the lists, for REST, both gRPC paths and OpenAI alike. Every request here names its
 * service where only the gate can check it (the body, or after the filter), so a second verification would show.
 */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityOnceTest {
    private static final String IRIS = bearer(SecuredGateway.IRIS_KEY);

    @Inject
    Authenticator authenticator;

    @BeforeEach
    void irisRuns() {
        Secured.awaitIris();
    }

    private long verificationsOf(Runnable request) {
        long before = authenticator.verifications();
        request.run();
        return authenticator.verifications() - before;
    }

    @Test
    void restInferenceIsVerifiedOnce() {
        assertEquals(1, verificationsOf(() -> as(IRIS).body(Iris.V2).post("/v2/models/iris/infer").then()
                .statusCode(200)));
    }

    /** The byte-level ModelInfer ingress: the model is in the message, checked by the gate after the filter. */
    @Test
    void grpcModelInferIsVerifiedOnce() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            assertEquals(1, verificationsOf(() -> gateway.stub().withInterceptors(Secured.sending(IRIS))
                    .withDeadlineAfter(60, TimeUnit.SECONDS).modelInfer(Iris.grpc("iris"))));
        }
    }

    /** Quarkus' gRPC service (every RPC but plain ModelInfer). */
    @Test
    void grpcModelReadyIsVerifiedOnce() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            assertEquals(1, verificationsOf(() -> assertTrue(gateway.stub().withInterceptors(Secured.sending(IRIS))
                    .withDeadlineAfter(60, TimeUnit.SECONDS)
                    .modelReady(ModelReadyRequest.newBuilder().setName("iris").build()).getReady())));
        }
    }

    @Test
    void openAiModelInTheBodyIsVerifiedOnce() {
        assertEquals(1, verificationsOf(() -> as(IRIS).body("{\"model\": \"ghost\", \"input\": [\"a\"]}")
                .post("/openai/v1/embeddings").then().statusCode(403)));
    }

    @Test
    void modelListIsVerifiedOnce() {
        assertEquals(1, verificationsOf(() -> as(IRIS).get("/v1/models").then().statusCode(200)));
    }
}
