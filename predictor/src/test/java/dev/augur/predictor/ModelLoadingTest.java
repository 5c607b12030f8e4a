package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.augur.proto.inference.GrpcPredictV2.ModelReadyRequest;
import io.grpc.ManagedChannel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A model whose start-up load has not ended (its download is held for the whole class): the port is open, but the
 * server and the model say not ready, the index says LOADING, and a request for it waits at most
 * {@code augur.models.load-wait} before 503 "still loading".
 */
@QuarkusTest
@TestProfile(ModelLoadingTest.Profile.class)
class ModelLoadingTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LoadingModelServer.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("augur.models.load-wait", "1s");
        }
    }

    private static final String ROW = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[6.8,2.8,4.8,1.4]}]}";

    /** Ends the load before the application stops (which waits for it), instead of at the server's stop. */
    @AfterAll
    static void finishLoading() {
        LoadingModelServer.finishLoading();
    }

    @Test
    void serverIsLiveButNotReadyWhileAModelLoads() {
        given().get("/v2/health/live").then().statusCode(200).body("live", equalTo(true));
        given().get("/v2/health/ready").then().statusCode(503).body("ready", equalTo(false));
        given().get("/q/health/ready").then().statusCode(503);
    }

    @Test
    void loadingModelIsNotReady() {
        given().get("/v2/models/gated/ready").then().statusCode(503);
    }

    @Test
    void loadingModelIsNotReadyOverGrpc() {
        ManagedChannel channel = GrpcClients.channel();
        try {
            assertFalse(GrpcClients.stub(channel).modelReady(ModelReadyRequest.newBuilder().setName("gated").build())
                    .getReady());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void indexListsTheModelAsLoading() {
        given().body("{}").post("/v2/repository/index").then().statusCode(200)
                .body("find { it.name == 'gated' }.state", equalTo("LOADING"));
    }

    @Test
    void inferenceWaitsForTheLoadAtMostTheLoadWaitThenAnswers503() {
        given().contentType("application/json").body(ROW).post("/v2/models/gated/infer").then().statusCode(503)
                .body("error", containsString("still loading"));
    }

    @Test
    void metadataOfALoadingModelAnswers503SayingSo() {
        given().get("/v2/models/gated").then().statusCode(503).body("error", containsString("is loading"));
    }

    @Test
    void aModelNotInTheRepositoryIsStillNotFound() {
        given().contentType("application/json").body(ROW).post("/v2/models/absent/infer").then().statusCode(404);
    }
}
