package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.ServerLiveRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Over-long forwarded headers and header lists end to end through the gateway: refused at the edge naming the
 * header (400 / INVALID_ARGUMENT) or the limit (431 / RESOURCE_EXHAUSTED), never passed on to fail at the component
 * as a 500, and a gRPC call with 16 KB of metadata fails alone while the other calls on its connection succeed.
 */
@QuarkusTest
class HeaderLimitsTest {
    private static final String BIG = "a".repeat(16 * 1024);

    @Test
    void overLongRequestIdIsRefusedNamingIt() {
        given().contentType("application/json").body(Iris.V2).header("x-request-id", "r".repeat(1000))
                .post("/v2/models/echo/infer").then().statusCode(400)
                .body("error", containsString("x-request-id"));
    }

    @Test
    void overLongTraceparentIsRefusedNamingIt() {
        given().contentType("application/json").body(Iris.V1).header("traceparent", "0".repeat(1000))
                .post("/v1/models/echo:predict").then().statusCode(400)
                .body("error", containsString("traceparent"));
    }

    @Test
    void overLongAuthorizationIsRefusedNamingIt() {
        given().contentType("application/json").body(Iris.V2).header("authorization", "Bearer " + "t".repeat(8000))
                .post("/v2/models/echo/infer").then().statusCode(400)
                .body("error", containsString("authorization"));
    }

    @Test
    void sixteenKilobyteHeaderGets431() {
        given().contentType("application/json").body(Iris.V2).header("x-request-id", BIG)
                .post("/v2/models/echo/infer").then().statusCode(431)
                .body("error", containsString("augur.server.limits.max-header-list-size"));
    }

    @Test
    void grpcOverLongRequestIdIsInvalidArgument() throws Exception {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), "r".repeat(1000));
        try (GrpcClients gateway = GrpcClients.gateway()) {
            Status s = assertThrows(StatusRuntimeException.class, () -> gateway.stub()
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m)).modelInfer(Iris.grpc("echo")))
                    .getStatus();
            assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode(), s.toString());
            assertTrue(s.getDescription().contains("x-request-id"), s.toString());
        }
    }

    /** One channel, one HTTP/2 connection: the call with 16 KB of metadata fails alone. */
    @Test
    void grpcCallWithLargeMetadataFailsAloneOnItsConnection() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", RestAssured.port).usePlaintext()
                .build();
        try {
            GRPCInferenceServiceGrpc.newBlockingStub(channel).serverLive(ServerLiveRequest.getDefaultInstance());
            var async = GRPCInferenceServiceGrpc.newFutureStub(channel);
            List<Future<ModelInferResponse>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                others.add(async.modelInfer(Iris.grpc("echo")));
            }
            Metadata big = new Metadata();
            big.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), BIG);
            Future<ModelInferResponse> refused = async.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(big))
                    .modelInfer(Iris.grpc("echo"));
            for (int i = 0; i < 8; i++) {
                others.add(async.modelInfer(Iris.grpc("echo")));
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(30, TimeUnit.SECONDS));
            Status s = ((StatusRuntimeException) e.getCause()).getStatus();
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, s.getCode(), s.toString());
            for (Future<ModelInferResponse> f : others) {
                assertEquals("same-id", f.get(30, TimeUnit.SECONDS).getId());
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
