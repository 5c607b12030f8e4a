package dev.augur.predictor;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An S3 endpoint nobody listens on: the s3:// model is UNAVAILABLE with the reason; a local model serves. */
@QuarkusTest
@TestProfile(S3UnreachableStorageTest.Profile.class)
class S3UnreachableStorageTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ClosedEndpoint.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A repository with one s3:// model and one local model; the endpoint is a loopback port that is closed. */
    public static class ClosedEndpoint implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Path models = Files.createTempDirectory("augur-storage-s3-down");
                S3rverServer.model(models, "s3-down", "s3://models/iris/");
                Files.createDirectories(models.resolve("iris-local/1"));
                Files.copy(TestRepository.MODELS.resolve("iris-logreg/1/model.onnx"),
                        models.resolve("iris-local/1/model.onnx"));
                return Map.of("augur.model-repository", models.toString(),
                        "augur.storage.cache-dir", models.resolve(".cache").toString(),
                        "augur.storage.s3.endpoint", "http://127.0.0.1:" + s.getLocalPort(),
                        "augur.storage.s3.access-key-id", "any", "augur.storage.s3.secret-access-key", "any",
                        "augur.strict-readiness", "false");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            // The temporary repository is tiny; it is left to the OS's temp cleaning.
        }
    }

    @Test
    void unreachableEndpointIsUnavailableWithTheReason() {
        S3StorageTest.assertUnavailable("s3-down", "s3://models/iris/: ");
        given().body("{}").post("/v2/repository/index").then()
                .body("find { it.name == 's3-down' }.reason", org.hamcrest.Matchers.containsStringIgnoringCase(
                        "connect"));
    }

    @Test
    void localModelServesBesideIt() {
        given().get("/v2/models/iris-local/ready").then().statusCode(200);
    }
}
