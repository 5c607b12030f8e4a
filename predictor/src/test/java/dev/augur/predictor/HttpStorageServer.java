package dev.augur.predictor;

import com.sun.net.httpserver.HttpServer;
import dev.augur.predictor.storage.TestArchives;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * An HTTP file server on loopback (the JDK's HttpServer) serving the iris models as a single file, a .tar.gz and
 * a .zip of version folders, a corrupt archive, an archive without a model and a zip-slip archive; and a model
 * repository whose models name them with {@code storage_uri}, beside a local model. {@code GET /requests/<path>}
 * answers how often a file was requested.
 */
public class HttpStorageServer implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;
    private Path root;
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            byte[] logreg = Files.readAllBytes(TestRepository.MODELS.resolve("iris-logreg/1/model.onnx"));
            byte[] forest = Files.readAllBytes(TestRepository.MODELS.resolve("iris-forest/1/model.onnx"));
            Map<String, byte[]> versions = new LinkedHashMap<>();
            versions.put("iris/1/model.onnx", logreg);
            versions.put("iris/2/model.onnx", forest);
            files.put("/files/model.onnx", logreg);
            files.put("/files/iris.tar.gz", TestArchives.tarGz(versions));
            files.put("/files/iris.zip", TestArchives.zip(Map.of("1/model.onnx", logreg, "2/model.onnx", forest)));
            files.put("/files/corrupt.tar.gz", "this is no gzip stream".getBytes(StandardCharsets.UTF_8));
            files.put("/files/readme.zip", TestArchives.zip(Map.of("README.txt", "no model here".getBytes())));
            files.put("/files/slip.zip", TestArchives.zip(Map.of("../../escaped.onnx", logreg)));

            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body;
                int status = 200;
                if (path.startsWith("/requests/")) {
                    AtomicInteger n = requests.get(path.substring("/requests".length()));
                    body = String.valueOf(n == null ? 0 : n.get()).getBytes(StandardCharsets.UTF_8);
                } else {
                    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    body = files.get(path);
                    if (body == null) {
                        status = 404;
                        body = "not found".getBytes(StandardCharsets.UTF_8);
                    }
                }
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            root = Files.createTempDirectory("augur-storage-http");
            Path models = Files.createDirectories(root.resolve("models"));
            Files.createDirectories(models.resolve("iris-local/1"));
            Files.write(models.resolve("iris-local/1/model.onnx"), logreg);
            String sha = sha256(logreg);
            model(models, "http-file", base + "/files/model.onnx");
            model(models, "http-file-checked", base + "/files/model.onnx#sha256=" + sha);
            model(models, "http-tgz", base + "/files/iris.tar.gz");
            model(models, "http-zip", base + "/files/iris.zip");
            model(models, "http-404", base + "/files/missing.onnx");
            model(models, "http-corrupt", base + "/files/corrupt.tar.gz");
            model(models, "http-checksum", base + "/files/model.onnx#sha256=" + "0".repeat(64));
            model(models, "http-no-model", base + "/files/readme.zip");
            model(models, "http-slip", base + "/files/slip.zip");
            model(models, "http-unknown-host", "http://no-such-host.invalid/model.onnx");
            model(models, "http-refused", "http://127.0.0.1:" + closedPort() + "/model.onnx");
            model(models, "ftp-scheme", "ftp://127.0.0.1/model.onnx");
            return Map.of("augur.model-repository", models.toString(),
                    "augur.storage.cache-dir", root.resolve("cache").toString(),
                    "augur.strict-readiness", "false",
                    "storage-test.http-url", base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void model(Path models, String name, String uri) throws IOException {
        Files.createDirectories(models.resolve(name));
        Files.writeString(models.resolve(name + "/config.yaml"), "storage_uri: \"" + uri + "\"\n");
    }

    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
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
