package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.InferTensorContents;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.ServerLiveRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Header limits answered per request (server module's {@code limits.HeaderLimit}): 431 with the JSON error over
 * HTTP/1.1 and HTTP/2, RESOURCE_EXHAUSTED for one gRPC call, and never the connection-wide GOAWAY that failed every
 * other call sharing an HTTP/2 connection with a 16 KB header.
 */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class HeaderLimitTest {
    private static final String BIG = "a".repeat(16 * 1024);

    @Test
    void overLongHeaderOverHttp11Gets431NamingTheHeader() {
        given().header("x-request-id", BIG).get("/v2/health/ready").then().statusCode(431)
                .contentType("application/json")
                .body("error", containsString("augur.server.limits.max-header-list-size"))
                .body("error", containsString("'x-request-id'"));
    }

    @Test
    void tooManyHeadersGet431() {
        RequestSpecification r = given();
        for (int i = 0; i < 120; i++) {
            r = r.header("x-h" + i, "v");
        }
        r.get("/v2/health/ready").then().statusCode(431)
                .body("error", containsString("augur.server.limits.max-header-count"));
    }

    @Test
    void headersWithinTheLimitPass() {
        given().header("x-request-id", "a".repeat(4096)).get("/v2/health/ready").then().statusCode(200);
    }

    /** One HTTP/2 connection (prior knowledge, as gRPC clients use): the large request fails, the next succeeds. */
    @Test
    void overLongHeaderOverHttp2FailsOnlyItsStream() throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false).setHttp2MaxPoolSize(1));
        try {
            Answer big = send(client, BIG);
            assertEquals(431, big.status());
            assertTrue(big.body().contains("'x-request-id'"), big.body());
            Answer small = send(client, "req-1");
            assertEquals(200, small.status());
            assertEquals(HttpVersion.HTTP_2, small.version());
            assertEquals(big.connection(), small.connection(), "one connection for both");
        } finally {
            client.close();
            vertx.close();
        }
    }

    private record Answer(int status, String body, HttpVersion version, Object connection) {
    }

    private static Answer send(HttpClient client, String requestId) throws Exception {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("localhost")
                .setPort(RestAssured.port).setURI("/v2/health/ready").putHeader("x-request-id", requestId))
                .compose(req -> req.send().compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(),
                        b.toString(), resp.version(), req.connection()))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Calls in flight on one gRPC channel (one HTTP/2 connection) while one of them carries 16 KB of metadata: that
     * call alone fails, with RESOURCE_EXHAUSTED, and the others get the model's answer.
     */
    @Test
    void grpcCallWithLargeMetadataFailsOnlyThatCall() throws Exception {
        ManagedChannel channel = GrpcClients.channel();
        try {
            var async = GRPCInferenceServiceGrpc.newFutureStub(channel);
            // Open the connection first, so every call below shares it.
            GrpcClients.stub(channel).serverLive(ServerLiveRequest.getDefaultInstance());
            List<com.google.common.util.concurrent.ListenableFuture<ModelInferResponse>> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                others.add(async.modelInfer(setosa()));
            }
            Metadata big = new Metadata();
            big.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), BIG);
            var refused = async.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(big)).modelInfer(setosa());
            for (int i = 0; i < 8; i++) {
                others.add(async.modelInfer(setosa()));
            }
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> refused.get(30, TimeUnit.SECONDS));
            Status s = ((StatusRuntimeException) e.getCause()).getStatus();
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, s.getCode(), s.toString());
            assertTrue(s.getDescription().contains("augur.server.limits.max-header-list-size"), s.toString());
            for (var f : others) {
                // iris-logreg's label for the first reference row (models/iris-logreg/reference.json): setosa, 0.
                assertEquals(0L, ModelInferResponseLabel.label(f.get(30, TimeUnit.SECONDS)));
            }
        } finally {
            channel.shutdownNow();
        }
    }

    private static ModelInferRequest setosa() {
        InferTensorContents.Builder c = InferTensorContents.newBuilder().addFp32Contents(5.1f).addFp32Contents(3.5f)
                .addFp32Contents(1.4f).addFp32Contents(0.2f);
        return ModelInferRequest.newBuilder().setModelName("iris-logreg").addInputs(ModelInferRequest
                .InferInputTensor.newBuilder().setName("float_input").setDatatype("FP32").addShape(1).addShape(4)
                .setContents(c)).build();
    }

    /** The label output of an iris answer, from contents or raw bytes. */
    private static final class ModelInferResponseLabel {
        static long label(ModelInferResponse r) {
            for (int i = 0; i < r.getOutputsCount(); i++) {
                if (r.getOutputs(i).getName().equals("label")) {
                    if (r.getRawOutputContentsCount() > i) {
                        return r.getRawOutputContents(i).asReadOnlyByteBuffer()
                                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
                    }
                    return r.getOutputs(i).getContents().getInt64Contents(0);
                }
            }
            throw new AssertionError("no label output in " + r);
        }
    }
}
