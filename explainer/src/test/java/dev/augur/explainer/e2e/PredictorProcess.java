package dev.augur.explainer.e2e;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real predictor process ({@code ../predictor/target/quarkus-app/quarkus-run.jar}, built by the reactor before
 * these tests) on a free port, serving a temporary repository with copies of the iris ONNX models; and the
 * explainer's configuration pointing at it: the iris training rows as background per model, the iris feature
 * names. {@code iris-nobg} (a copy of iris-logreg) deliberately has no background.
 */
public class PredictorProcess implements QuarkusTestResourceLifecycleManager {
    static final Path MODELS = Path.of("..", "models");
    static final Path JAR = Path.of("..", "predictor", "target", "quarkus-app", "quarkus-run.jar");
    static final String IRIS_NAMES = "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)";
    private static int port;
    private Process process;
    private Path root;

    /** The predictor's port, for tests that check the explainer against the model directly. */
    static int port() {
        return port;
    }

    @Override
    public Map<String, String> start() {
        try {
            if (!Files.exists(JAR)) {
                throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build with "
                        + "mvn -pl predictor,explainer -am package first");
            }
            root = Files.createTempDirectory("augur-explainer-repo");
            for (String m : new String[] {"iris-logreg", "iris-forest", "iris-linear"}) {
                copy(MODELS.resolve(m + "/1/model.onnx"), root.resolve(m + "/1/model.onnx"));
            }
            copy(MODELS.resolve("iris-logreg/1/model.onnx"), root.resolve("iris-nobg/1/model.onnx"));
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString());
            pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            pb.environment().put("AUGUR_MODEL_REPOSITORY", root.toString());
            pb.redirectErrorStream(true).redirectOutput(root.resolve("predictor.log").toFile());
            process = pb.start();
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("augur.explainer.predictor", "localhost:" + port);
        String classifiers = MODELS.resolve("iris-logreg/reference.json").toAbsolutePath().toString();
        for (String m : new String[] {"iris-logreg", "iris-forest"}) {
            config.put("augur.explainer.models.\"" + m + "\".background", classifiers);
            config.put("augur.explainer.models.\"" + m + "\".feature-names", IRIS_NAMES);
        }
        config.put("augur.explainer.models.\"iris-linear\".background",
                MODELS.resolve("iris-linear/reference.json").toAbsolutePath().toString());
        config.put("augur.explainer.models.\"iris-linear\".feature-names",
                "sepal length (cm),sepal width (cm),petal length (cm)");
        config.put("augur.explainer.models.\"iris-nobg\".feature-names", IRIS_NAMES);
        return config;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("predictor exited with " + process.exitValue() + "; see "
                        + root.resolve("predictor.log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v2/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("predictor not ready within 60 s; see " + root.resolve("predictor.log"));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temporary files only
            }
        }
    }
}
