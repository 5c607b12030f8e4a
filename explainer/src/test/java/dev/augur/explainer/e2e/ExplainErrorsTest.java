package dev.augur.explainer.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.explain.ExplainerServiceGrpc;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.explain.ExplainGrpcCodec;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal is a 400 (INVALID_ARGUMENT over gRPC) naming what is wrong. */
@QuarkusTest
@QuarkusTestResource(PredictorProcess.class)
class ExplainErrorsTest {

    private static void assert400(String model, String body, String message) {
        given().contentType("application/json").body(body).post("/v1/models/" + model + ":explain")
                .then().statusCode(400).body("error", containsString(message));
    }

    @Test
    void instanceOfTheWrongWidthIsRefused() {
        assert400("iris-logreg", "{\"instances\": [[5.1, 3.5, 1.4]]}",
                "instance has 3 features but model 'iris-logreg' input 'float_input' takes 4");
    }

    @Test
    void unknownMethodIsRefused() {
        assert400("iris-logreg", Iris.v1Body(Iris.SETOSA, "\"method\": \"integrated-gradients\""),
                "unknown explanation method 'integrated-gradients'");
    }

    @Test
    void missingBackgroundIsRefused() {
        assert400("iris-nobg", Iris.v1Body(Iris.SETOSA, ""), "no background dataset for model 'iris-nobg'");
    }

    @Test
    void unknownParameterIsRefused() {
        assert400("iris-logreg", Iris.v1Body(Iris.SETOSA, "\"treshold\": 0.9"), "unknown explain parameter 'treshold'");
    }

    @Test
    void unknownModelIs404() {
        given().contentType("application/json").body(Iris.v1Body(Iris.SETOSA, ""))
                .post("/v1/models/no-such-model:explain").then().statusCode(404);
    }

    @Test
    void wrongWidthOverGrpcIsInvalidArgumentNamingIt() {
        ManagedChannel ch = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        try {
            InferenceRequest r = new InferenceRequest("e1", "iris-logreg", null, Map.of(), List.of(
                    Tensor.ofFloats("float_input", new long[] {1, 5}, new float[] {1, 2, 3, 4, 5})), List.of(), false);
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () ->
                    ExplainerServiceGrpc.newBlockingStub(ch).explain(ExplainGrpcCodec.encodeRequest(r)));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("instance has 5 features"), e.getMessage());
        } finally {
            ch.shutdownNow();
        }
    }
}
