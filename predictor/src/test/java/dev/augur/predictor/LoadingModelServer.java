package dev.augur.predictor;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A repository with one model, {@code gated}, whose file (iris-logreg) comes from a loopback HTTP server through its
 * {@code storage_uri}, and that server holds the download until a test calls {@link #finishLoading()}: the model's
 * start-up load lasts exactly as long as a test wants. Background loading on, strict readiness (the default).
 */
public class LoadingModelServer implements QuarkusTestResourceLifecycleManager {
    /** The current server's gate; one server runs at a time (one Quarkus application per test profile). */
    private static volatile CountDownLatch gate = new CountDownLatch(1);
    private HttpServer server;
    private Path root;

    /** Lets the held download finish, so the model's start-up load completes. */
    static void finishLoading() {
        gate.countDown();
    }

    @Override
    public Map<String, String> start() {
        gate = new CountDownLatch(1);
        CountDownLatch mine = gate;
        try {
            byte[] model = Files.readAllBytes(TestRepository.MODELS.resolve("iris-logreg/1/model.onnx"));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/model.onnx", exchange -> {
                try {
                    mine.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(200, model.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(model);
                }
            });
            server.start();
            root = Files.createTempDirectory("augur-loading");
            Path models = Files.createDirectories(root.resolve("models/gated"));
            Files.writeString(models.resolve("config.yaml"), "storage_uri: \"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/model.onnx\"\n");
            return Map.of("augur.model-repository", root.resolve("models").toString(),
                    "augur.storage.cache-dir", root.resolve("cache").toString(),
                    // Both spellings: application.properties turns background loading off in the test profile.
                    "augur.models.load-in-background", "true",
                    "%test.augur.models.load-in-background", "true",
                    "augur.strict-readiness", "true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        finishLoading();   // no download thread left waiting
        if (server != null) {
            server.stop(0);
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // Temporary files only.
            }
        }
    }
}
