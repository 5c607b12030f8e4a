package dev.augur.gateway.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The packaged gateway jar and one iris predictor as separate processes, for the integration tests that kill the
 * gateway (SIGKILL) and start it again: the predictor and the services folder outlive each gateway process.
 */
final class PackagedProcesses implements AutoCloseable {
    private static final Path GATEWAY_JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Path work;
    private final Process predictor;

    private PackagedProcesses(Path work, Process predictor) {
        this.work = work;
        this.predictor = predictor;
    }

    /** A predictor serving iris-logreg as {@code iris}, and a services folder routing {@code iris} to it. */
    static PackagedProcesses withIrisPredictor(String name) throws Exception {
        Path work = Files.createTempDirectory(name);
        Path repo = Files.createDirectories(work.resolve("repo/iris/1"));
        Files.copy(LocalServices.MODELS.resolve("iris-logreg/1/model.onnx"), repo.resolve("model.onnx"));
        int predictorPort = KafkaBroker.freePort();
        ProcessBuilder pb = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar",
                LocalServices.PREDICTOR_JAR.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("predictor.log").toFile());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(predictorPort));
        pb.environment().put("AUGUR_MODEL_REPOSITORY", work.resolve("repo").toString());
        Process predictor = pb.start();
        awaitReady(predictorPort);
        Path services = Files.createDirectories(work.resolve("services"));
        Files.writeString(services.resolve("iris.yaml"), "apiVersion: serving.kserve.io/v1beta1\n"
                + "kind: InferenceService\nmetadata:\n  name: iris\n  annotations:\n"
                + "    local.augur.dev/predictor-address: 127.0.0.1:" + predictorPort + "\n"
                + "spec:\n  predictor:\n    model:\n      modelFormat:\n        name: onnx\n"
                + "      storageUri: file://" + LocalServices.MODELS.resolve("iris-logreg") + "\n");
        return new PackagedProcesses(work, predictor);
    }

    /** A gateway process on {@code port} with the Kafka path on; its data stays in the same folders across restarts. */
    Process gateway(int port, String log) throws IOException {
        return gateway(port, log, java.util.Map.of());
    }

    /** The same, with more environment (e.g. the Kafka credentials). */
    Process gateway(int port, String log, java.util.Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar",
                GATEWAY_JAR.toString()).redirectErrorStream(true).redirectOutput(work.resolve(log).toFile());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("AUGUR_SERVICES_DIR", work.resolve("services").toString());
        pb.environment().put("AUGUR_LOCAL_RUN_DIR", work.resolve("run").toString());
        pb.environment().put("AUGUR_KAFKA_ENABLED", "true");
        pb.environment().put("AUGUR_KAFKA_BOOTSTRAP_SERVERS", KafkaBroker.bootstrap);
        pb.environment().put("AUGUR_GATEWAY_ACCESS_LOG", "false");
        pb.environment().putAll(env);
        return pb.start();
    }

    static void awaitReady(int port) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/health/ready"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nothing ready on port " + port);
    }

    @Override
    public void close() {
        predictor.destroyForcibly();
    }
}
