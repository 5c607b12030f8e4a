package dev.augur.gateway.tls;

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
 * The packaged gateway in its own process, serving HTTPS and gRPC over TLS on its TLS port from PEM files (the TLS
 * registry's default configuration, reloaded every second), beside its plain port, with {@code iris} served by a
 * real predictor process it starts itself (local mode), as {@code ./augur up --tls} runs it.
 */
final class TlsGateway implements AutoCloseable {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path GATEWAY_JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    static final Path PREDICTOR_JAR = ROOT.resolve("predictor/target/quarkus-app/quarkus-run.jar");

    final int port;
    final int tlsPort;
    final Path work;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    TlsGateway(Path work, Path cert, Path key) throws Exception {
        this.work = work;
        Path services = Files.createDirectories(work.resolve("services"));
        Files.writeString(services.resolve("iris.yaml"), "apiVersion: serving.kserve.io/v1beta1\n"
                + "kind: InferenceService\nmetadata:\n  name: iris\nspec:\n  predictor:\n    model:\n"
                + "      modelFormat:\n        name: onnx\n      storageUri: file://"
                + ROOT.resolve("models/iris-logreg") + "\n");
        port = freePort();
        tlsPort = freePort();
        // System properties, as ./augur passes them: environment variables do not reach the TLS registry's default
        // (unnamed) configuration.
        ProcessBuilder pb = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-Dquarkus.tls.key-store.pem.0.cert=" + cert, "-Dquarkus.tls.key-store.pem.0.key=" + key,
                "-Dquarkus.tls.reload-period=1s", "-jar", GATEWAY_JAR.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("gateway.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("AUGUR_"));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_HTTP_SSL_PORT", Integer.toString(tlsPort));
        pb.environment().put("AUGUR_SERVICES_DIR", services.toString());
        pb.environment().put("AUGUR_LOCAL_RUN_DIR", work.resolve("run").toString());
        pb.environment().put("AUGUR_LOCAL_PREDICTOR_JAR", PREDICTOR_JAR.toString());
        pb.environment().put("AUGUR_LOCAL_JVM_OPTIONS", "-XX:TieredStopAtLevel=1 -Xmx256m");
        pb.environment().put("AUGUR_KAFKA_ENABLED", "false");
        process = pb.start();
        awaitIrisReady();
    }

    String https() {
        return "https://localhost:" + tlsPort;
    }

    private void awaitIrisReady() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited; log:\n" + log());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/augur/services")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"name\":\"iris\"")
                        && !r.body().contains("\"ready\":false")) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("iris not ready through the gateway in 180 s; log:\n" + log());
    }

    String log() throws IOException {
        return Files.readString(work.resolve("gateway.log"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
