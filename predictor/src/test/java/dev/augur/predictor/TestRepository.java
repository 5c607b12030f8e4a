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
 * of the logistic regression and one ({@code iris-live}) that tests reload and unload; the XGBoost
 * iris booster as JSON, UBJSON, UBJSON named {@code .bst}, with and without {@code predict_proba}, in the legacy
 * binary format and truncated; the XGBoost petal-width regressor; the LightGBM iris booster as {@code .txt} and as
 * {@code .bst}, truncated, and with a tree that lacks {@code num_leaves}; the PMML iris tree and a truncated copy of
 * it.
 */
public class TestRepository implements QuarkusTestResourceLifecycleManager {
    static final Path MODELS = Path.of("..", "models");
    static final Path RESOURCES = Path.of("src", "test", "resources");
    private static final String PROBA = "format: xgboost\npredict_proba: true\n";
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
            xgboost();
            lightgbm();
            copy(MODELS.resolve("iris-pmml/1/model.pmml"), root.resolve("iris-pmml/1/model.pmml"));
            String pmml = Files.readString(MODELS.resolve("iris-pmml/1/model.pmml"), StandardCharsets.UTF_8);
            Files.createDirectories(root.resolve("broken-pmml/1"));
            Files.writeString(root.resolve("broken-pmml/1/model.pmml"), pmml.substring(0, pmml.length() / 2),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("augur.model-repository", root.toString(),
                "augur.strict-readiness", "false",
                "quarkus.http.limits.max-body-size", "1M");
    }

    private void xgboost() throws IOException {
        Path xgb = RESOURCES.resolve("xgboost");
        Path json = MODELS.resolve("iris-xgboost/1/model.json");
        copy(json, root.resolve("iris-xgboost/1/model.json"));
        copy(MODELS.resolve("iris-xgboost/config.yaml"), root.resolve("iris-xgboost/config.yaml"));
        copy(json, root.resolve("iris-xgboost-proba/1/model.json"));
        write(root.resolve("iris-xgboost-proba/config.yaml"), PROBA);
        copy(xgb.resolve("iris.ubj"), root.resolve("iris-xgboost-ubj/1/model.ubj"));
        write(root.resolve("iris-xgboost-ubj/config.yaml"), PROBA);
        copy(xgb.resolve("iris.ubj"), root.resolve("iris-xgboost-bst/1/model.bst"));
        write(root.resolve("iris-xgboost-bst/config.yaml"), PROBA);
        copy(xgb.resolve("iris.bst"), root.resolve("xgboost-legacy/1/model.bst"));
        byte[] model = Files.readAllBytes(json);
        write(root.resolve("xgboost-corrupt/1/model.json"), new String(model, 0, model.length / 2,
                StandardCharsets.UTF_8));
        copy(xgb.resolve("petal-width.json"), root.resolve("petal-width-xgboost/1/model.json"));
    }

    private void lightgbm() throws IOException {
        Path txt = MODELS.resolve("iris-lightgbm/1/model.txt");
        copy(txt, root.resolve("iris-lightgbm/1/model.txt"));
        copy(MODELS.resolve("iris-lightgbm/config.yaml"), root.resolve("iris-lightgbm/config.yaml"));
        copy(txt, root.resolve("iris-lightgbm-bst/1/model.bst"));
        String model = Files.readString(txt, StandardCharsets.UTF_8);
        write(root.resolve("lightgbm-truncated/1/model.txt"), model.substring(0, model.length() / 2));
        // Same length, so tree_sizes still fit: only LightGBM's own parser can find the fault.
        write(root.resolve("lightgbm-malformed/1/model.txt"), model.replaceFirst("num_leaves=", "num_leavez="));
    }

    private static void write(Path to, String text) throws IOException {
        Files.createDirectories(to.getParent());
        Files.writeString(to, text, StandardCharsets.UTF_8);
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
