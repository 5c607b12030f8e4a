package dev.augur.explainer.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.proto.explain.AugurExplain.ExplainResponse;
import dev.augur.proto.explain.ExplainerServiceGrpc;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.explain.ExplainGrpcCodec;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One data plane under V1 REST, V2 REST and the gRPC ExplainerService. */
@QuarkusTest
@QuarkusTestResource(PredictorProcess.class)
class ExplainTransportsTest {

    /** What the gateway's supervisor probes: ready once the predictor answers. */
    @Test
    void v2HealthReadyWhenThePredictorAnswers() {
        given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        given().get("/v2/health/ready").then().statusCode(200).body("ready", equalTo(true));
    }

    @Test
    void v2ExplainTakesTensors() {
        given().contentType("application/json").body("{\"id\": \"v2-1\", \"inputs\": [{\"name\": \"float_input\", "
                + "\"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [5.0, 3.6, 1.4, 0.2]}], "
                + "\"parameters\": {\"method\": \"kernel-shap\"}}")
                .post("/v2/models/iris-logreg/explain").then().statusCode(200)
                .body("explanations.id", equalTo("v2-1"))
                .body("explanations.data[0].prediction.class", equalTo(0));
    }

    @Test
    void grpcExplainAnswersTheSameDocumentAsRest() throws IOException {
        ManagedChannel ch = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        try {
            InferenceRequest r = new InferenceRequest("same", "iris-forest", null, Map.of("method", "lime", "seed", 5L),
                    List.of(Tensor.ofDoubles("", new long[] {1, 4}, Iris.VERSICOLOR)), List.of(), true);
            ExplainResponse g = ExplainerServiceGrpc.newBlockingStub(ch).explain(ExplainGrpcCodec.encodeRequest(r));
            String rest = given().contentType("application/json").body("{\"id\": \"same\", \"instances\": [[6.0, 2.9, "
                    + "4.5, 1.5]], \"parameters\": {\"method\": \"lime\", \"seed\": 5}}")
                    .post("/v1/models/iris-forest:explain").then().statusCode(200).extract().asString();
            JsonNode fromGrpc = Iris.MAPPER.readTree(g.getExplanationJson().toByteArray());
            assertEquals(Iris.MAPPER.readTree(rest), fromGrpc);
            assertEquals(fromGrpc.at("/explanations/model_calls").asLong(), g.getModelCalls());
            assertEquals(fromGrpc.at("/explanations/samples").asLong(), g.getSamples());
            assertEquals("lime", g.getMethod());
        } finally {
            ch.shutdownNow();
        }
    }

    @Test
    void explainTimeIsMeasuredPerModel() {
        Iris.explain("iris-linear", new double[] {6.1, 2.8, 4.7}, "");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("request_explain_seconds_count{model_name=\"iris-linear\""));
    }
}
