package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelUnloadRequest;
import dev.augur.protocol.core.InternalToken;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Local mode's components are not open doors: a predictor the gateway started listens on loopback and takes calls
 * carrying this run's internal token only (the gateway's), REST and gRPC alike; the gateway's own path to it works,
 * and the client's {@code authorization} travels beside the token, unchanged. The whole path through a transformer
 * and back through the gateway is {@code PipelineTest}, which runs with the tokens on too.
 */
@QuarkusTest
class ComponentTokenTest {
    private int port;

    @BeforeEach
    void irisIsReady() {
        port = Gateway.readyPort("iris");
    }

    @Test
    void aPredictorListensOnLoopbackOnly() throws Exception {
        InetAddress other = nonLoopbackAddress();
        assumeTrue(other != null, "this machine has no non-loopback IPv4 address to try");
        assertThrows(ConnectException.class, () -> new Socket(other, port).close(), "reached on " + other);
    }

    private static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (i.isUp() && !i.isLoopback()) {
                for (InetAddress a : Collections.list(i.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void restWithoutTheTokenIs401() {
        given().port(port).contentType("application/json").body(Iris.V1).post("/v1/models/iris:predict").then()
                .statusCode(401).body("error", containsString(InternalToken.HEADER));
    }

    @Test
    void restWithTheTokenIsServedWithTheSampleRowsLabels() {
        // KServe's two sample rows are versicolor (1) for the logistic regression (models/iris-logreg/reference.json).
        given().port(port).header(InternalToken.HEADER, RunToken.value()).contentType("application/json")
                .body(Iris.V1).post("/v1/models/iris:predict").then().statusCode(200)
                .body("predictions", equalTo(List.of(1, 1)));
    }

    @Test
    void aRepositoryUnloadFromAStrangerIsRefusedAndTheModelKeepsServing() {
        given().port(port).post("/v2/repository/models/iris/unload").then().statusCode(401);
        given().contentType("application/json").body(Iris.V1).post("/v1/models/iris:predict").then()
                .statusCode(200).body("predictions", equalTo(List.of(1, 1)));
    }

    @Test
    void theRepositoryIsReachableThroughTheGateway() {
        given().get("/augur/console/models/iris").then().statusCode(200)
                .body("find { it.name == 'iris' }.state", equalTo("READY"));
    }

    @Test
    void grpcWithoutTheTokenIsUnauthenticated() throws Exception {
        try (GrpcClients stranger = GrpcClients.stranger(port)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> stranger.stub().modelInfer(Iris.grpc("iris")));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        }
    }

    @Test
    void grpcRepositoryUnloadWithoutTheTokenIsUnauthenticated() throws Exception {
        try (GrpcClients stranger = GrpcClients.stranger(port)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stranger.stub()
                    .repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("iris").build()));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        }
    }

    @Test
    void grpcWithTheTokenIsServed() throws Exception {
        try (GrpcClients direct = GrpcClients.direct(port)) {
            ModelInferResponse r = direct.stub().modelInfer(Iris.grpc("iris"));
            assertEquals("iris", r.getModelName());
        }
    }

    @Test
    void theGatewaySendsTheTokenBesideTheClientsAuthorization() {
        EchoComponent.lastHeaders = null;
        given().contentType("application/json").body(Iris.V2).header("authorization", "Bearer client-key")
                .post("/v2/models/echo/infer").then().statusCode(200);
        Metadata m = EchoComponent.lastHeaders;
        assertNotNull(m);
        assertEquals(RunToken.value(), m.get(Metadata.Key.of(InternalToken.HEADER, Metadata.ASCII_STRING_MARSHALLER)));
        assertEquals("Bearer client-key", m.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)));
    }

    @Test
    void aTokenAClientSendsIsReplacedByTheRunsOwn() {
        EchoComponent.lastHeaders = null;
        given().contentType("application/json").body(Iris.V2).header(InternalToken.HEADER, "guessed")
                .post("/v2/models/echo/infer").then().statusCode(200);
        assertEquals(RunToken.value(), EchoComponent.lastHeaders.get(Metadata.Key.of(InternalToken.HEADER,
                Metadata.ASCII_STRING_MARSHALLER)));
    }
}
