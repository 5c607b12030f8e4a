package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.inference.GrpcPredictV2.ModelReadyRequest;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelUnloadRequest;
import dev.augur.protocol.core.InternalToken;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A predictor started with {@code augur.server.internal-token} (local mode's components) takes calls carrying that
 * token only, over REST and gRPC on its one port; the {@code /q/health} probes stay open.
 */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
@TestProfile(InternalTokenTest.WithToken.class)
class InternalTokenTest {
    static final String TOKEN = "test-only-token-0123456789abcdefghijklmnopq";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("augur.server.internal-token", TOKEN);
        }
    }

    private ManagedChannel channel;

    @AfterEach
    void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void restWithoutTheTokenIs401WithTheJsonError() {
        IrisReference ref = IrisReference.of("iris-logreg");
        given().body(ref.v1Body()).post("/v1/models/iris-logreg:predict").then().statusCode(401)
                .body("error", containsString("gateway only"));
    }

    @Test
    void restWithAWrongTokenIs401() {
        given().header(InternalToken.HEADER, TOKEN + "x").get("/v2/models/iris-logreg").then().statusCode(401);
    }

    @Test
    void restWithTheTokenAnswersScikitLearnsLabels() {
        IrisReference ref = IrisReference.of("iris-logreg");
        List<Long> predictions = given().header(InternalToken.HEADER, TOKEN).body(ref.v1Body())
                .post("/v1/models/iris-logreg:predict").then().statusCode(200).extract().jsonPath()
                .getList("predictions", Long.class);
        assertArrayEquals(ref.labels(), predictions.stream().mapToLong(Long::longValue).toArray());
    }

    @Test
    void repositoryUnloadWithoutTheTokenIsRefusedAndTheModelStaysReady() {
        given().post("/v2/repository/models/iris-logreg/unload").then().statusCode(401);
        given().header(InternalToken.HEADER, TOKEN).get("/v2/models/iris-logreg/ready").then().statusCode(200);
    }

    @Test
    void healthProbesStayOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void otherPathsUnderQNeedTheToken() {
        given().get("/q/metrics").then().statusCode(401);
        // A dot segment does not turn a guarded path into a probe.
        given().urlEncodingEnabled(false).get("/q/health/../metrics").then().statusCode(401);
    }

    @Test
    void v2HealthNeedsTheToken() {
        given().get("/v2/health/ready").then().statusCode(401);
        given().header(InternalToken.HEADER, TOKEN).get("/v2/health/ready").then().statusCode(200)
                .body("ready", equalTo(true));
    }

    @Test
    void grpcWithoutTheTokenIsUnauthenticated() {
        channel = GrpcClients.channel();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> GrpcClients.stub(channel)
                .modelReady(ModelReadyRequest.newBuilder().setName("iris-logreg").build()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains(InternalToken.HEADER), e.getStatus().getDescription());
    }

    @Test
    void grpcRepositoryUnloadWithoutTheTokenIsUnauthenticated() {
        channel = GrpcClients.channel();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> GrpcClients.stub(channel)
                .repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("iris-logreg")
                        .build()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void grpcWithTheTokenIsServed() {
        channel = GrpcClients.channel();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(InternalToken.HEADER, Metadata.ASCII_STRING_MARSHALLER), TOKEN);
        boolean ready = GrpcClients.stub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .modelReady(ModelReadyRequest.newBuilder().setName("iris-logreg").build()).getReady();
        assertTrue(ready);
    }
}
