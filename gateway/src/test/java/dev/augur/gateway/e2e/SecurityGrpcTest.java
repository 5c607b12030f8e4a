package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.ServerLiveRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gRPC with security on: the {@code authorization} metadata is checked like the REST header; refusals are
 * trailers-only UNAUTHENTICATED / PERMISSION_DENIED with a message. A component's authority
 * ({@code iris-predictor...}, how a transformer reaches its predictor with the client's credential) passes for a key
 * granted the service.
 */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityGrpcTest {

    @BeforeEach
    void irisRuns() throws Exception {
        Secured.awaitIris();
    }

    private static StatusRuntimeException refused(String authorization, String model) throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            return assertThrows(StatusRuntimeException.class, () -> gateway.stub()
                    .withInterceptors(Secured.sending(authorization)).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .modelInfer(Iris.grpc(model)));
        }
    }

    private static ModelInferResponse infer(GrpcClients gateway, String authorization, ModelInferRequest request) {
        return gateway.stub().withInterceptors(Secured.sending(authorization)).withDeadlineAfter(60, TimeUnit.SECONDS)
                .modelInfer(request);
    }

    private static long[] labels(ModelInferResponse r) {
        return Secured.labels(r);
    }

    @Test
    void noCredentialIsUnauthenticated() throws Exception {
        StatusRuntimeException e = refused(null, "iris");
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("a credential is needed: send 'Authorization: Bearer <API key or JWT>'",
                e.getStatus().getDescription());
    }

    @Test
    void unknownKeyIsUnauthenticated() throws Exception {
        StatusRuntimeException e = refused("Bearer augur_not_a_key", "iris");
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("the API key is not valid", e.getStatus().getDescription());
    }

    @Test
    void expiredTokenIsUnauthenticated() throws Exception {
        StatusRuntimeException e = refused("Bearer " + SecuredGateway.expiredToken(), "iris");
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("the bearer token has expired", e.getStatus().getDescription());
    }

    @Test
    void wrongAudienceTokenIsUnauthenticated() throws Exception {
        StatusRuntimeException e = refused("Bearer " + SecuredGateway.wrongAudienceToken(), "iris");
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void wrongSignatureTokenIsUnauthenticated() throws Exception {
        StatusRuntimeException e = refused("Bearer " + SecuredGateway.wrongSignatureToken(), "iris");
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("the bearer token's signature does not verify", e.getStatus().getDescription());
    }

    /** The model is named only in the message: the Router's check refuses it before looking it up. */
    @Test
    void modelOutsideTheGrantIsPermissionDenied() throws Exception {
        StatusRuntimeException e = refused("Bearer " + SecuredGateway.IRIS_KEY, "fraud");
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertEquals("this credential is not granted 'infer' on 'fraud'", e.getStatus().getDescription());
    }

    @Test
    void keyInsideItsGrantGetsTheModelsAnswer() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            long[] labels = labels(infer(gateway, "Bearer " + SecuredGateway.IRIS_KEY, Iris.grpc("iris")));
            assertEquals(1, labels[0]);
            assertEquals(1, labels[1]);
        }
    }

    @Test
    void tokenInsideItsGrantGetsTheModelsAnswer() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            long[] labels = labels(infer(gateway, "Bearer " + SecuredGateway.token(), Iris.grpc("iris")));
            assertEquals(1, labels[1]);
        }
    }

    /** How a transformer calls its predictor through the gateway: the component's authority, the client's key. */
    @Test
    void componentAuthorityPassesForAKeyGrantedTheService() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway("iris-predictor.default.example.com")) {
            long[] labels = labels(infer(gateway, "Bearer " + SecuredGateway.IRIS_KEY, Iris.grpc("anything")));
            assertEquals(1, labels[0]);
        }
    }

    /** Calls the Quarkus gRPC service rather than the byte-level ModelInfer ingress: the same door. */
    @Test
    void serverLiveNeedsACredentialToo() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> gateway.stub()
                    .serverLive(ServerLiveRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        }
    }
}
