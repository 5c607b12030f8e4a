package dev.augur.containers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway ({@code gateway/target/quarkus-app}) run as {@code ./augur up} runs it, in local mode over a
 * services folder: it starts Augur's predictor jar as a process (or, with {@code AUGUR_LOCAL_RUNTIME=containers},
 * Augur's images) and every other image as a podman container.
 */
final class Gateway implements AutoCloseable {
    final int port;
    final Path log;
    private final Process process;

    private Gateway(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts it over SERVICES with run dir RUN; ENV adds settings (podman's store, ...). */
    static Gateway start(Path services, Path run, Map<String, String> env) throws IOException {
        Path jar = Podman.ROOT.resolve("gateway/target/quarkus-app/quarkus-run.jar");
        Path predictor = Podman.ROOT.resolve("predictor/target/quarkus-app/quarkus-run.jar");
        for (Path p : List.of(jar, predictor)) {
            if (!Files.isRegularFile(p)) {
                throw new AssertionError(p + " is not packaged: mvn -B package -DskipTests -pl gateway,predictor -am");
            }
        }
        int port = Podman.freePort();
        Files.createDirectories(run);
        Path log = run.resolve("gateway.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString()).directory(Podman.ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("AUGUR_"));
        e.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        e.put("AUGUR_KAFKA_ENABLED", "false");
        e.put("AUGUR_SERVICES_DIR", services.toString());
        e.put("AUGUR_LOCAL_RUN_DIR", run.toString());
        e.put("AUGUR_LOCAL_PREDICTOR_JAR", predictor.toString());
        e.put("AUGUR_LOCAL_GATEWAY_ADDRESS", "127.0.0.1:" + port);
        e.putAll(env);
        return new Gateway(pb.start(), port, log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until the gateway answers ready (it has read its services folder). */
    void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> r = Container.HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the gateway is not ready; its log:\n" + Files.readString(log));
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return Container.HTTP.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return Container.HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, as ./augur down stops it; it stops its components before it exits. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
