package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The start-up load in the background, then its end: a request sent while the model loads is answered by the loaded
 * model (scikit-learn's label, models/iris-logreg/reference.json), and the server turns ready once the load ended.
 * Ordered: the first test ends the load the class's server holds.
 */
@QuarkusTest
@TestProfile(BackgroundLoadTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackgroundLoadTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LoadingModelServer.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    @Order(1)
    void requestSentWhileTheModelLoadsIsAnsweredByTheLoadedModel() throws Exception {
        IrisReference ref = IrisReference.of("iris-logreg");
        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> given()
                .contentType("application/json").body(ref.v2Body()).post("/v2/models/gated/infer"));
        // Give the request time to arrive while the download is held. Arriving later only weakens the test: a
        // request answered before the load ended would be a 503, which the status check below refuses.
        Thread.sleep(300);
        LoadingModelServer.finishLoading();
        Response r = answer.get(60, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode(), r.asString());
        List<Long> labels = r.jsonPath().getList("outputs.find { it.name == 'label' }.data", Long.class);
        assertEquals(ref.labels().length, labels.size());
        for (int i = 0; i < labels.size(); i++) {
            assertEquals(ref.labels()[i], labels.get(i), "row " + i);
        }
    }

    @Test
    @Order(2)
    void serverAndModelAreReadyOnceTheLoadEnded() throws Exception {
        LoadingModelServer.finishLoading();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (given().get("/v2/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        given().get("/v2/health/ready").then().statusCode(200);
        given().get("/v2/models/gated/ready").then().statusCode(200);
        given().body("{}").post("/v2/repository/index").then().statusCode(200)
                .body("find { it.name == 'gated' }.state", org.hamcrest.Matchers.equalTo("READY"));
    }
}
