package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.supervisor.LocalCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A predictor that starts listening after the gateway's first calls to it were refused (an external predictor
 * started after the gateway, or one restarting in place) is reached by the first call once it is up. Before, the
 * gateway's channels stayed in grpc-java's reconnect back-off and kept answering 503 "connection refused" for
 * seconds to minutes after the predictor listened (bench/security.sh stopped at its readiness check for that).
 */
@QuarkusTest
class LateComponentTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aPredictorStartedAfterRefusedCallsAnswersTheNextCall() throws Exception {
        int port = KafkaBroker.freePort();
        Path work = Files.createTempDirectory("augur-late");
        Path repo = Files.createDirectories(work.resolve("repo/late/1"));
        Files.copy(LocalServices.MODELS.resolve("iris-logreg/1/model.onnx"), repo.resolve("model.onnx"));
        LocalServices.write("late", "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                + "metadata:\n  name: late\n  annotations:\n    " + LocalCatalog.PREDICTOR_ADDRESS + ": 127.0.0.1:"
                + port + "\nspec:\n  predictor:\n    timeout: 30\n    model:\n      modelFormat:\n"
                + "        name: onnx\n      storageUri: file://" + LocalServices.MODELS.resolve("iris-logreg")
                + "\n");
        Process predictor = null;
        try {
            Gateway.readyPort("late");
            Response refused = infer();
            assertEquals(503, refused.statusCode(), refused.asString());
            assertTrue(refused.asString().contains("connection refused"), refused.asString());

            ProcessBuilder pb = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-jar",
                    LocalServices.PREDICTOR_JAR.toString()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("predictor.log").toFile());
            pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            pb.environment().put("AUGUR_MODEL_REPOSITORY", work.resolve("repo").toString());
            predictor = pb.start();
            // Calls keep coming while it starts (refused), as from a client polling the gateway.
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!ready(port)) {
                assertTrue(predictor.isAlive(), "the predictor exited: see " + work.resolve("predictor.log"));
                assertTrue(System.nanoTime() < deadline, "the predictor did not start within 180 s");
                infer();
                Gateway.sleep(100);
            }

            given().contentType("application/json").body(Iris.V1).post("/v1/models/late:predict")
                    .then().statusCode(200).body("predictions", contains(1, 1));
        } finally {
            if (predictor != null) {
                predictor.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(LocalServices.servicesDir.resolve("late.yaml"));
        }
    }

    private static Response infer() {
        return given().contentType("application/json").body(Iris.V1).post("/v1/models/late:predict");
    }

    /** The predictor's own readiness, asked directly (not through the gateway). */
    private static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/health/ready"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
