package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** An unknown model is answered NOT_FOUND before the request is validated, as Triton does (server's ModelFirst). */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class UnknownModelFirstTest {
    @Test
    void grpcInferOfAnUnknownModelWithNoInputsIsNotFound() {
        ManagedChannel channel = GrpcClients.channel();
        try {
            Status s = assertThrows(StatusRuntimeException.class, () -> GrpcClients.stub(channel)
                    .modelInfer(ModelInferRequest.newBuilder().setModelName("no-such-model").build())).getStatus();
            assertEquals(Status.Code.NOT_FOUND, s.getCode(), s.toString());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void v2InferOfAnUnknownModelWithABadBodyIs404() {
        given().contentType("application/json").body("{\"inputs\": 1}").post("/v2/models/no-such-model/infer")
                .then().statusCode(404).body("error", containsString("no-such-model"));
    }

    @Test
    void v1PredictOfAnUnknownModelWithABadBodyIs404() {
        given().contentType("application/json").body("{}").post("/v1/models/no-such-model:predict")
                .then().statusCode(404).body("error", containsString("no-such-model"));
    }

    @Test
    void aKnownModelWithABadBodyIsStill400() {
        given().contentType("application/json").body("{\"inputs\": 1}").post("/v2/models/iris-logreg/infer")
                .then().statusCode(400);
    }
}
