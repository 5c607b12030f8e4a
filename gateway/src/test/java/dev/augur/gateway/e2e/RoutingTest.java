package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataRequest;
import dev.augur.protocol.core.InternalToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests through the gateway get exactly what the predictor answers when called directly. */
@QuarkusTest
class RoutingTest {
    private int predictorPort;

    @BeforeEach
    void irisIsReady() {
        predictorPort = Gateway.readyPort("iris");
    }

    private Response direct(String path, String body) {
        // As the gateway calls it: local mode's components take calls with the run's internal token only.
        return given().port(predictorPort).header(InternalToken.HEADER, RunToken.value())
                .contentType("application/json").body(body).post(path);
    }

    @Test
    void v1PredictEqualsPredictorDirect() {
        String expected = direct("/v1/models/iris:predict", Iris.V1).then().statusCode(200).extract().asString();
        given().contentType("application/json").body(Iris.V1).post("/v1/models/iris:predict")
                .then().statusCode(200).body(equalTo(expected));
    }

    @Test
    void v2InferEqualsPredictorDirect() {
        String expected = direct("/v2/models/iris/infer", Iris.V2).then().statusCode(200).extract().asString();
        given().contentType("application/json").body(Iris.V2).post("/v2/models/iris/infer")
                .then().statusCode(200).body(equalTo(expected));
    }

    @Test
    void v2VersionedInferEqualsPredictorDirect() {
        String expected = direct("/v2/models/iris/versions/1/infer", Iris.V2).then().statusCode(200).extract()
                .asString();
        given().contentType("application/json").body(Iris.V2).post("/v2/models/iris/versions/1/infer")
                .then().statusCode(200).body(equalTo(expected));
    }

    @Test
    void v2BinaryOutputEqualsPredictorDirect() {
        Response want = direct("/v2/models/iris/infer", Iris.V2_BINARY_OUT);
        Response got = given().contentType("application/json").body(Iris.V2_BINARY_OUT)
                .post("/v2/models/iris/infer");
        assertEquals(200, got.statusCode());
        assertEquals(want.header("Inference-Header-Content-Length"), got.header("Inference-Header-Content-Length"));
        assertArrayEquals(want.asByteArray(), got.asByteArray());
    }

    /** Some HTTP libraries send V1's colon percent-encoded; KServe's server decodes it, and so does the gateway. */
    @Test
    void v1PredictWithAnEncodedColonIsTheSamePredict() {
        String expected = direct("/v1/models/iris:predict", Iris.V1).then().statusCode(200).extract().asString();
        given().contentType("application/json").body(Iris.V1).post("/v1/models/iris%3Apredict")
                .then().statusCode(200).body(equalTo(expected));
    }

    @Test
    void grpcInferEqualsPredictorDirect() throws Exception {
        ModelInferResponse expected;
        try (GrpcClients direct = GrpcClients.direct(predictorPort)) {
            expected = direct.stub().modelInfer(Iris.grpc("iris"));
        }
        try (GrpcClients gateway = GrpcClients.gateway()) {
            assertEquals(expected, gateway.stub().modelInfer(Iris.grpc("iris")));
        }
    }

    /** KServe's host routing over gRPC: the authority names the service, whatever model_name says. */
    @Test
    void grpcAuthorityRoutesLikeTheHostHeader() throws Exception {
        ModelInferResponse expected;
        try (GrpcClients direct = GrpcClients.direct(predictorPort)) {
            expected = direct.stub().modelInfer(Iris.grpc("iris"));
        }
        try (GrpcClients gateway = GrpcClients.gateway("iris.default.example.com")) {
            assertEquals(expected, gateway.stub().modelInfer(Iris.grpc("some-other-name")));
        }
    }

    /** A compressed call is not read at the byte level; it takes the decoding path and gets the same answer. */
    @Test
    void grpcGzipInferEqualsPredictorDirect() throws Exception {
        ModelInferResponse expected;
        try (GrpcClients direct = GrpcClients.direct(predictorPort)) {
            expected = direct.stub().modelInfer(Iris.grpc("iris"));
        }
        try (GrpcClients gateway = GrpcClients.gateway()) {
            assertEquals(expected, gateway.stub().withCompression("gzip").modelInfer(Iris.grpc("iris")));
        }
    }

    @Test
    void grpcMessageOverTheLimitIsResourceExhausted() throws Exception {
        ModelInferRequest big = Iris.grpc("iris").toBuilder()
                .setRawInputContents(0, ByteString.copyFrom(new byte[300 * 1024])).build();
        try (GrpcClients gateway = GrpcClients.gateway()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> gateway.stub().modelInfer(big));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("limit"), e.getStatus().getDescription());
        }
    }

    @Test
    void grpcMissingModelNameIsInvalidArgument() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> gateway.stub().modelInfer(Iris.grpc("")));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertEquals("the model name is missing", e.getStatus().getDescription());
        }
    }

    @Test
    void grpcResponseNamesTheRevision() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            gateway.stub().modelInfer(Iris.grpc("iris"));
            assertEquals("iris-predictor-00001", gateway.responseHeader("x-augur-revision"));
        }
    }

    @Test
    void grpcUnknownServiceIsNotFound() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> gateway.stub().modelInfer(Iris.grpc("no-such-service")));
            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
            assertEquals("InferenceService 'no-such-service' not found", e.getStatus().getDescription());
        }
    }

    @Test
    void grpcMetadataEqualsPredictorDirect() throws Exception {
        ModelMetadataRequest request = ModelMetadataRequest.newBuilder().setName("iris").build();
        try (GrpcClients direct = GrpcClients.direct(predictorPort); GrpcClients gateway = GrpcClients.gateway()) {
            assertEquals(direct.stub().modelMetadata(request), gateway.stub().modelMetadata(request));
        }
    }

    @Test
    void v2MetadataEqualsPredictorDirect() {
        String expected = given().port(predictorPort).header(InternalToken.HEADER, RunToken.value())
                .get("/v2/models/iris").then().statusCode(200).extract().asString();
        given().get("/v2/models/iris").then().statusCode(200).body(equalTo(expected));
    }

    @Test
    void v2ModelReady() {
        given().get("/v2/models/iris/ready").then().statusCode(200).body("ready", equalTo(true));
    }

    @Test
    void v1ModelStatus() {
        given().get("/v1/models/iris").then().statusCode(200).body("name", equalTo("iris"))
                .body("ready", equalTo(true));
    }

    @Test
    void v1ModelListNamesServices() {
        given().get("/v1/models").then().statusCode(200).body("models", hasItem("iris"));
    }

    @Test
    void hostHeaderRoutesByServiceWhateverThePath() {
        String expected = direct("/v1/models/iris:predict", Iris.V1).then().extract().asString();
        given().header("Host", "iris.default.example.com").contentType("application/json").body(Iris.V1)
                .post("/v1/models/some-other-name:predict")
                .then().statusCode(200).body(equalTo(expected)).header("x-augur-revision", "iris-predictor-00001");
    }

    @Test
    void hostHeaderWithUnknownNamespaceIs404() {
        given().header("Host", "iris.elsewhere.example.com").contentType("application/json").body(Iris.V1)
                .post("/v1/models/iris:predict")
                .then().statusCode(404).body("error", containsString("namespace 'elsewhere'"));
    }

    @Test
    void unknownServiceIs404WithErrorBody() {
        given().contentType("application/json").body(Iris.V1).post("/v1/models/no-such-service:predict")
                .then().statusCode(404).body("error", equalTo("InferenceService 'no-such-service' not found"));
    }

    @Test
    void predictorErrorKeepsItsStatusAndMessage() {
        String body = "{\"inputs\": [{\"name\": \"wrong\", \"shape\": [1, 4], \"datatype\": \"FP32\", "
                + "\"data\": [1, 2, 3, 4]}]}";
        String expected = direct("/v2/models/iris/infer", body).then().statusCode(400).extract().path("error");
        given().contentType("application/json").body(body).post("/v2/models/iris/infer")
                .then().statusCode(400).body("error", equalTo(expected));
    }

    @Test
    void responseNamesTheRevision() {
        given().contentType("application/json").body(Iris.V1).post("/v1/models/iris:predict")
                .then().statusCode(200).header("x-augur-revision", "iris-predictor-00001");
    }

    @Test
    void requestIdIsGeneratedWhenAbsent() {
        String id = given().contentType("application/json").body(Iris.V1).post("/v1/models/iris:predict")
                .then().statusCode(200).extract().header("x-request-id");
        assertEquals(36, id.length(), id);
    }

    @Test
    void requestIdIsKeptWhenGiven() {
        given().header("x-request-id", "client-42").contentType("application/json").body(Iris.V1)
                .post("/v1/models/iris:predict").then().statusCode(200).header("x-request-id", "client-42");
    }

    @Test
    void bodyOverTheLimitIs413WithErrorBody() {
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        given().contentType("application/json").body(big).post("/v1/models/iris:predict")
                .then().statusCode(413).body("error", containsString("limit"));
    }

    @Test
    void metricsCountRequestsPerServiceAndProtocol() {
        given().contentType("application/json").body(Iris.V1).post("/v1/models/iris:predict").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_request_seconds_count{code=\"200\",component=\"predictor\","
                        + "isvc=\"iris\",protocol=\"v1\"}"))
                .body(containsString("request_predict_seconds_count{component=\"predictor\",model_name=\"iris\","
                        + "revision=\"iris-predictor-00001\"}"));
    }
}
