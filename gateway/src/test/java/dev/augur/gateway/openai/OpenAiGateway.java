package dev.augur.gateway.openai;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The packaged gateway in its own process on a free port, serving {@code tiny-gpt} and {@code minilm} from
 * {@code ../models} through real predictor processes it starts itself (local mode), as {@code ./augur up} does.
 */
final class OpenAiGateway implements AutoCloseable {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path GATEWAY_JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    static final Path PREDICTOR_JAR = ROOT.resolve("predictor/target/quarkus-app/quarkus-run.jar");

    final int port;
    final Path work;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    OpenAiGateway() throws Exception {
        work = Files.createTempDirectory("augur-openai-it");
        Path services = Files.createDirectories(work.resolve("services"));
        Files.writeString(services.resolve("tiny-gpt.yaml"), isvc("tiny-gpt", "tiny-gpt"));
        Files.writeString(services.resolve("minilm.yaml"), isvc("minilm", "all-minilm-l6-v2"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar",
                GATEWAY_JAR.toString()).redirectErrorStream(true).redirectOutput(work.resolve("gateway.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("AUGUR_"));
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("AUGUR_SERVICES_DIR", services.toString());
        pb.environment().put("AUGUR_LOCAL_RUN_DIR", work.resolve("run").toString());
        pb.environment().put("AUGUR_LOCAL_PREDICTOR_JAR", PREDICTOR_JAR.toString());
        pb.environment().put("AUGUR_KAFKA_ENABLED", "false");
        process = pb.start();
        awaitServicesReady();
    }

    static String isvc(String name, String model) {
        return "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: " + name
                + "\nspec:\n  predictor:\n    model:\n      modelFormat:\n        name: huggingface\n"
                + "      storageUri: file://" + ROOT.resolve("models").resolve(model) + "\n";
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitServicesReady() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited; log: " + Files.readString(work.resolve("gateway.log")));
            }
            try {
                HttpResponse<String> r = get("/augur/services");
                if (r.statusCode() == 200 && r.body().contains("\"name\":\"minilm\"")
                        && r.body().contains("\"name\":\"tiny-gpt\"") && !r.body().contains("\"ready\":false")) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("services not ready after 120 s; log: "
                + Files.readString(work.resolve("gateway.log")));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
