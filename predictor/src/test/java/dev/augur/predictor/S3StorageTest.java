package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Models whose {@code storage_uri} is {@code s3://}, served by a real S3-compatible server (s3rver, started by
 * {@link S3rverServer}): prefixes, single keys and archives predict what scikit-learn says; a missing prefix or
 * bucket makes only that model UNAVAILABLE. Skipped where node and npm are not installed.
 */
@QuarkusTest
@TestProfile(S3StorageTest.Profile.class)
@EnabledIf(value = "dev.augur.predictor.S3rverServer#nodeAvailable",
        disabledReason = "node and npm are needed to run the S3-compatible test server (s3rver)")
class S3StorageTest {
    /** Only the S3 server and its repository, not the shared test repository. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3rverServer.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    static void assertVersionLabels(String reference, String model, String version) {
        IrisReference ref = IrisReference.of(reference);
        List<Long> labels = given().body(ref.v2Body()).post("/v2/models/" + model + "/versions/" + version + "/infer")
                .then().statusCode(200).extract().jsonPath()
                .getList("outputs.find { it.name == 'label' }.data", Long.class);
        assertArrayEquals(ref.labels(), labels.stream().mapToLong(Long::longValue).toArray());
    }

    static void assertUnavailable(String model, String reason) {
        given().body("{}").post("/v2/repository/index").then().statusCode(200)
                .body("find { it.name == '" + model + "' }.state", equalTo("UNAVAILABLE"))
                .body("find { it.name == '" + model + "' }.reason", containsString(reason));
    }

    @Test
    void prefixServesVersionOne() {
        assertVersionLabels("iris-logreg", "s3-prefix", "1");
    }

    @Test
    void prefixServesVersionTwo() {
        assertVersionLabels("iris-forest", "s3-prefix", "2");
    }

    @Test
    void keyThatIsNoObjectIsAPrefix() {
        assertVersionLabels("iris-forest", "s3-prefix-without-slash", "2");
    }

    @Test
    void singleKeyServes() {
        assertVersionLabels("iris-logreg", "s3-key", "1");
    }

    @Test
    void archiveObjectIsUnpacked() {
        assertVersionLabels("iris-logreg", "s3-archive", "1");
    }

    @Test
    void emptyPrefixIsUnavailableWithTheReason() {
        assertUnavailable("s3-missing", "s3://models/nothing/: no objects under s3://models/nothing/");
    }

    @Test
    void missingBucketIsUnavailableWithTheReason() {
        assertUnavailable("s3-no-bucket", "s3://no-bucket/iris/: no bucket 'no-bucket'");
    }
}
