package dev.augur.transformer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The real predictor ({@code ../predictor/target/quarkus-app/quarkus-run.jar}) in its own process on a free port,
 * started once per test JVM, with a temporary repository: {@code iris-logreg} from {@code ../models} and
 * {@code minilm} (all-MiniLM-L6-v2's ONNX graph taken from the langchain4j jar on the test class path).
 */
public final class PredictorProcess {
    private static PredictorProcess instance;
    private final Process process;
    private final int port;
    private final Path root;
    private final Path tokenizer;

    private PredictorProcess() throws IOException, InterruptedException {
        Path jar = Path.of("..", "predictor", "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the predictor first (mvn -pl predictor,"
                    + "transformer -am package)");
        }
        root = Files.createTempDirectory("augur-transformer-test");
        Path repo = root.resolve("repo");
        copy(Path.of("..", "models", "iris-logreg", "1", "model.onnx"), repo.resolve("iris-logreg/1/model.onnx"));
        extract("all-minilm-l6-v2.onnx", repo.resolve("minilm/1/model.onnx"));
        tokenizer = root.resolve("minilm-tokenizer.json");
        extract("all-minilm-l6-v2-tokenizer.json", tokenizer);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toAbsolutePath().toString());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("AUGUR_MODEL_REPOSITORY", repo.toString());
        pb.redirectErrorStream(true).redirectOutput(root.resolve("predictor.log").toFile());
        process = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("predictor did not become ready; log: "
                        + Files.readString(root.resolve("predictor.log")));
            }
            Thread.sleep(100);
        }
    }

    public static synchronized PredictorProcess get() {
        if (instance == null) {
            try {
                instance = new PredictorProcess();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String address() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** MiniLM's tokenizer.json, extracted from the langchain4j jar. */
    public Path tokenizer() {
        return tokenizer;
    }

    /** Successful requests the predictor counted for a model ({@code request_total{code="OK"}}). */
    public double requests(String model) {
        try {
            String metrics = get("/q/metrics");
            double sum = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("request_total{") && line.contains("model_name=\"" + model + "\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + "/v2/health/ready")
                    .toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private String get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL()
                .openConnection();
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static void extract(String resource, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (InputStream in = PredictorProcess.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the class path (langchain4j MiniLM jar)");
            }
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void stop() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Temporary files only.
        }
    }
}
