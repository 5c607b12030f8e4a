package dev.augur.predictor;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model repository for the tests, made from the committed sample models: the iris models as they are, a model
 * with two versions (1 = logistic regression, 2 = random forest), a model whose file is not ONNX, a batched copy
 * of the logistic regression and one ({@code iris-live}) that tests reload and unload.
 */
public class TestRepository implements QuarkusTestResourceLifecycleManager {
    static final Path MODELS = Path.of("..", "models");
    private static Path root;

    /** The repository folder, for tests that change it while the server runs. */
    static Path root() {
        return root;
    }

    @Override
    public Map<String, String> start() {
        try {
            root = Files.createTempDirectory("augur-repo");
            copy(MODELS.resolve("iris-logreg/1/model.onnx"), root.resolve("iris-logreg/1/model.onnx"));
            copy(MODELS.resolve("iris-forest/1/model.onnx"), root.resolve("iris-forest/1/model.onnx"));
            copy(MODELS.resolve("iris-logreg/1/model.onnx"), root.resolve("iris-versions/1/model.onnx"));
            copy(MODELS.resolve("iris-forest/1/model.onnx"), root.resolve("iris-versions/2/model.onnx"));
            copy(MODELS.resolve("iris-logreg/1/model.onnx"), root.resolve("iris-batched/1/model.onnx"));
            // Four 2-row requests fill a batch of 8 at once; the latency bound only matters for stragglers.
            Files.writeString(root.resolve("iris-batched/config.yaml"), "max_batch_size: 8\nmax_latency_ms: 500\n");
            copy(MODELS.resolve("iris-logreg/1/model.onnx"), root.resolve("iris-live/1/model.onnx"));
            copy(MODELS.resolve("iris-logreg/1/model.onnx"), root.resolve("iris-named/1/model.onnx"));
            Files.writeString(root.resolve("iris-named/config.yaml"),
                    "features: [sepal_length, sepal_width, petal_length, petal_width]\n");
            Files.createDirectories(root.resolve("broken/1"));
            Files.writeString(root.resolve("broken/1/model.onnx"), "this is not an ONNX model",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("augur.model-repository", root.toString(),
                "augur.strict-readiness", "false",
                "quarkus.http.limits.max-body-size", "1M");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Temporary files only.
        }
    }
}
