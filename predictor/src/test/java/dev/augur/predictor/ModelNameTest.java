package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelLoadRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A model name with a control character is the client's error on every path (protocol's ModelNames). */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class ModelNameTest {
    private static io.restassured.specification.RequestSpecification raw() {
        // The path is sent as written: %00 reaches the server percent-encoded, as a client would send it.
        return given().urlEncodingEnabled(false);
    }

    @Test
    void repositoryLoadOfANameWithNulIs400() {
        raw().post("/v2/repository/models/a%00b/load").then().statusCode(400)
                .body("error", containsString("control character (U+0000)"));
    }

    @Test
    void v2InferOfANameWithAControlCharacterIs400() {
        raw().contentType("application/json").body("{\"inputs\": [{\"name\": \"x\", \"shape\": [1], "
                + "\"datatype\": \"FP32\", \"data\": [1]}]}").post("/v2/models/a%01b/infer").then()
                .statusCode(400).body("error", containsString("control character (U+0001)"));
    }

    @Test
    void v1PredictOfANameWithNulIs400() {
        raw().contentType("application/json").body("{\"instances\": [[1]]}").post("/v1/models/a%00b:predict")
                .then().statusCode(400).body("error", containsString("control character (U+0000)"));
    }

    @Test
    void grpcRepositoryLoadOfANameWithNulIsInvalidArgument() {
        ManagedChannel channel = GrpcClients.channel();
        try {
            Status s = assertThrows(StatusRuntimeException.class, () -> GrpcClients.stub(channel)
                    .repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName("a\0b").build()))
                    .getStatus();
            assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode(), s.toString());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void grpcInferOfANameWithNewlineIsInvalidArgument() {
        ManagedChannel channel = GrpcClients.channel();
        try {
            Status s = assertThrows(StatusRuntimeException.class, () -> GrpcClients.stub(channel)
                    .modelInfer(ModelInferRequest.newBuilder().setModelName("iris\n").addInputs(ModelInferRequest
                    .InferInputTensor.newBuilder().setName("x").setDatatype("FP32").addShape(1)
                    .setContents(dev.augur.proto.inference.GrpcPredictV2.InferTensorContents.newBuilder()
                            .addFp32Contents(1f))).build())).getStatus();
            assertEquals("model name 'iris\\u000a' holds a control character (U+000A) at position 4",
                    s.getDescription());
            assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode(), s.toString());
        } finally {
            channel.shutdownNow();
        }
    }
}
