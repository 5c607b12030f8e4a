package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kills the consuming gateway process (SIGKILL) in the middle of a stream and starts it again: every request is
 * still answered at least once. Runs the packaged gateway jar, so it is a Failsafe integration test.
 */
class KafkaCrashIT {
    private static final Path GATEWAY_JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final int REQUESTS = 3000;
    private static final KafkaBroker BROKER = new KafkaBroker();
    private static Process predictor;
    private static Path work;
    private static int predictorPort;

    @BeforeAll
    static void start() throws Exception {
        BROKER.start();
        work = Files.createTempDirectory("augur-crash-it");
        Path repo = Files.createDirectories(work.resolve("repo/iris/1"));
        Files.copy(LocalServices.MODELS.resolve("iris-logreg/1/model.onnx"), repo.resolve("model.onnx"));
        predictorPort = KafkaBroker.freePort();
        ProcessBuilder pb = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar",
                LocalServices.PREDICTOR_JAR.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("predictor.log").toFile());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(predictorPort));
        pb.environment().put("AUGUR_MODEL_REPOSITORY", work.resolve("repo").toString());
        predictor = pb.start();
        awaitReady(predictorPort, "/v2/health/ready");
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
        return pb.start();
    }

    private static void awaitReady(int port, String path) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nothing ready on port " + port);
    }

    @Test
    void everyRequestIsAnsweredAcrossAKill() throws Exception {
        String replies = "crash-replies";
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer()) {
            for (int i = 0; i < REQUESTS; i++) {
                p.send(KafkaClients.request("augur.inference.requests", "crash-" + i, "iris", replies, Iris.V2));
            }
            p.flush();
        }
        int port = KafkaBroker.freePort();
        Process first = gateway(port, "gateway-1.log");
        List<ConsumerRecord<String, byte[]>> before = KafkaClients.readUntil(replies, Duration.ofSeconds(120),
                all -> all.size() >= REQUESTS / 10);
        first.destroyForcibly().waitFor();
        assertTrue(before.size() < REQUESTS, "the kill came too late to test anything: " + before.size());
        Process second = gateway(port, "gateway-2.log");
        try {
            List<ConsumerRecord<String, byte[]>> all = KafkaClients.readUntil(replies, Duration.ofSeconds(180),
                    got -> got.stream().map(ConsumerRecord::key).distinct().count() >= REQUESTS);
            Map<String, Integer> counts = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : all) {
                counts.merge(r.key(), 1, Integer::sum);
            }
            long duplicates = all.size() - counts.size();
            System.out.printf("KafkaCrashIT: %d requests, %d answered before the kill, %d answers in all, "
                    + "%d distinct, %d duplicates%n", REQUESTS, before.size(), all.size(), counts.size(), duplicates);
            assertEquals(REQUESTS, counts.size(), "distinct ids answered");
        } finally {
            second.destroy();
            second.waitFor();
        }
    }
}
