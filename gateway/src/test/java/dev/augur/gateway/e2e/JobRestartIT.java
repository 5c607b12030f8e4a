package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch job survives its gateway: the packaged gateway is killed (SIGKILL) while the job runs and started again
 * with the same data folder; the job finishes with every row answered once, in input order.
 */
class JobRestartIT {
    private static final Path GATEWAY_JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final int ROWS = 50_000;
    private static final KafkaBroker BROKER = new KafkaBroker();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process predictor;
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        BROKER.start();
        work = Files.createTempDirectory("augur-job-restart-it");
        Path repo = Files.createDirectories(work.resolve("repo/iris/1"));
        Files.copy(LocalServices.MODELS.resolve("iris-logreg/1/model.onnx"), repo.resolve("model.onnx"));
        int predictorPort = KafkaBroker.freePort();
        ProcessBuilder pb = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar",
                LocalServices.PREDICTOR_JAR.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("predictor.log").toFile());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(predictorPort));
        pb.environment().put("AUGUR_MODEL_REPOSITORY", work.resolve("repo").toString());
        predictor = pb.start();
        awaitReady(predictorPort);
        Path services = Files.createDirectories(work.resolve("services"));
        Files.writeString(services.resolve("iris.yaml"), "apiVersion: serving.kserve.io/v1beta1\n"
                + "kind: InferenceService\nmetadata:\n  name: iris\n  annotations:\n"
                + "    local.augur.dev/predictor-address: 127.0.0.1:" + predictorPort + "\n"
                + "spec:\n  predictor:\n    model:\n      modelFormat:\n        name: onnx\n"
                + "      storageUri: file://" + LocalServices.MODELS.resolve("iris-logreg") + "\n");
    }

    @AfterAll
    static void stop() {
        if (predictor != null) {
            predictor.destroyForcibly();
        }
        BROKER.stop();
    }

    private static Process gateway(int port, String log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar",
                GATEWAY_JAR.toString()).redirectErrorStream(true).redirectOutput(work.resolve(log).toFile());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("AUGUR_SERVICES_DIR", work.resolve("services").toString());
        pb.environment().put("AUGUR_LOCAL_RUN_DIR", work.resolve("run").toString());
        pb.environment().put("AUGUR_KAFKA_ENABLED", "true");
        pb.environment().put("AUGUR_KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrap);
        pb.environment().put("AUGUR_GATEWAY_ACCESS_LOG", "false");
        return pb.start();
    }

    private static void awaitReady(int port) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (get(port, "/v2/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nothing ready on port " + port);
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode progress(int port, String location) throws Exception {
        return JobFiles.json(get(port, location).body());
    }

    @Test
    void jobFinishesAfterTheGatewayIsKilledAndRestarted() throws Exception {
        int port = KafkaBroker.freePort();
        Process first = gateway(port, "gateway-1.log");
        awaitReady(port);
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/augur/jobs/iris")).POST(HttpRequest.BodyPublishers.ofInputStream(() -> JobFiles.rows(ROWS, 0)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, submitted.statusCode(), submitted.body());
        String location = JobFiles.path(submitted.headers().firstValue("Location").orElseThrow());
        // Killed as soon as the file is in: the rows are being run (about 5,000 a second here).
        long doneBefore = progress(port, location).get("done").asLong();
        first.destroyForcibly().waitFor();
        assertTrue(doneBefore < ROWS, "the kill came too late to test anything: " + doneBefore);

        Process second = gateway(port, "gateway-2.log");
        try {
            awaitReady(port);
            JsonNode p = progress(port, location);
            for (int i = 0; i < 1200 && !p.get("state").asText().equals("succeeded"); i++) {
                Thread.sleep(100);
                p = progress(port, location);
            }
            System.out.printf("JobRestartIT: %d rows, %d done before the kill, then %s%n", ROWS, doneBefore, p);
            assertEquals("succeeded", p.get("state").asText(), p.toString());
            assertEquals(ROWS, p.get("done").asLong());
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + location + "/results")).build(), HttpResponse.BodyHandlers.ofInputStream());
            long expected = 1;
            long wrong = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine(), expected++) {
                    JsonNode row = JobFiles.JSON.readTree(line);
                    assertEquals(expected, row.get("line").asLong(), "results out of order or a row twice");
                    if (row.get("response").get("outputs").get(0).get("data").get(0).asLong()
                            != JobFiles.label(expected)) {
                        wrong++;
                    }
                }
            }
            assertEquals(ROWS + 1, expected, "rows in the results");
            assertEquals(0, wrong, "rows with another label than reference.json's");
        } finally {
            second.destroy();
            second.waitFor();
        }
    }
}
