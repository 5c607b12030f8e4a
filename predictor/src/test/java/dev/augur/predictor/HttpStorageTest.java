package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Models whose {@code storage_uri} is an http:// URL: fetched from a file server on loopback into the cache, they
 * predict what scikit-learn says; bad URLs, hosts, archives and checksums make only that model UNAVAILABLE.
 */
@QuarkusTest
@TestProfile(HttpStorageTest.Profile.class)
class HttpStorageTest {
    /** Only this class's file server and repository, not the shared test repository. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(HttpStorageServer.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static void assertLabels(String model, String path) {
        IrisReference ref = IrisReference.of(model);
        List<Long> predictions = given().body(ref.v1Body()).post(path).then().statusCode(200)
                .extract().jsonPath().getList("predictions", Long.class);
        assertArrayEquals(ref.labels(), predictions.stream().mapToLong(Long::longValue).toArray());
    }

    /** V1 has no version in its path: versions are asked over V2. */
    private static void assertVersionLabels(String model, String path) {
        IrisReference ref = IrisReference.of(model);
        List<Long> labels = given().body(ref.v2Body()).post(path).then().statusCode(200).extract().jsonPath()
                .getList("outputs.find { it.name == 'label' }.data", Long.class);
        assertArrayEquals(ref.labels(), labels.stream().mapToLong(Long::longValue).toArray());
    }

    private static void assertUnavailable(String model, String reason) {
        given().body("{}").post("/v2/repository/index").then().statusCode(200)
                .body("find { it.name == '" + model + "' }.state", equalTo("UNAVAILABLE"))
                .body("find { it.name == '" + model + "' }.reason", containsString(reason));
        given().get("/v2/models/" + model + "/ready").then().statusCode(503);
    }

    private static String base() {
        return ConfigProvider.getConfig().getValue("storage-test.http-url", String.class);
    }

    private static int requests(String path) {
        return Integer.parseInt(RestAssured.given().baseUri(base()).port(-1).get("/requests" + path).asString());
    }

    @Test
    void singleOnnxFileServesScikitLearnLabels() {
        assertLabels("iris-logreg", "/v1/models/http-file:predict");
    }

    @Test
    void fileWithMatchingChecksumServes() {
        assertLabels("iris-logreg", "/v1/models/http-file-checked:predict");
    }

    @Test
    void tarGzVersionOneServesItsModel() {
        assertVersionLabels("iris-logreg", "/v2/models/http-tgz/versions/1/infer");
    }

    @Test
    void tarGzNewestVersionServesByDefault() {
        assertLabels("iris-forest", "/v1/models/http-tgz:predict");
    }

    @Test
    void zipOfVersionFoldersServes() {
        assertVersionLabels("iris-logreg", "/v2/models/http-zip/versions/1/infer");
        assertVersionLabels("iris-forest", "/v2/models/http-zip/versions/2/infer");
    }

    @Test
    void reloadUsesTheCacheInsteadOfDownloadingAgain() {
        int before = requests("/files/iris.zip");
        given().post("/v2/repository/models/http-zip/load").then().statusCode(200);
        assertEquals(1, before);
        assertEquals(1, requests("/files/iris.zip"));
    }

    @Test
    void http404IsUnavailableWithTheReason() {
        assertUnavailable("http-404", base() + "/files/missing.onnx: HTTP 404");
    }

    @Test
    void corruptArchiveIsUnavailableWithTheReason() {
        assertUnavailable("http-corrupt", base() + "/files/corrupt.tar.gz: corrupt archive corrupt.tar.gz");
    }

    @Test
    void checksumMismatchIsUnavailableWithTheReason() {
        assertUnavailable("http-checksum", "/files/model.onnx: checksum mismatch: expected sha256 " + "0".repeat(64));
    }

    @Test
    void archiveWithoutModelFileIsUnavailableWithTheReason() {
        assertUnavailable("http-no-model", "no model file in ");
        assertUnavailable("http-no-model", "(files from storage_uri " + base() + "/files/readme.zip)");
    }

    @Test
    void zipSlipArchiveIsUnavailableWithTheReason() {
        assertUnavailable("http-slip", "unsafe entry '../../escaped.onnx'");
    }

    @Test
    void unknownHostIsUnavailableWithTheReason() {
        assertUnavailable("http-unknown-host", "http://no-such-host.invalid/model.onnx: unknown host no-such-host.invalid");
    }

    @Test
    void refusedConnectionIsUnavailableWithTheReason() {
        assertUnavailable("http-refused", ": cannot connect to 127.0.0.1:");
    }

    @Test
    void unsupportedSchemeIsUnavailableWithTheReason() {
        assertUnavailable("ftp-scheme", "unsupported scheme 'ftp'");
    }

    @Test
    void localModelBesideFailingOnesServes() {
        assertLabels("iris-logreg", "/v1/models/iris-local:predict");
    }
}
