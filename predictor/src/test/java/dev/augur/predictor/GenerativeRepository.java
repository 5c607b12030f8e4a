package dev.augur.predictor;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A repository with the two Hugging Face sample models, linked from {@code ../models}: {@code tiny-gpt} (text
 * generation; also as {@code tiny-gpt-batched} with batched decode steps) and {@code minilm} (all-MiniLM-L6-v2 embeddings, staged there by this module's build from the
 * langchain4j jar).
 */
public class GenerativeRepository implements QuarkusTestResourceLifecycleManager {
    static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();

    @Override
    public Map<String, String> start() {
        try {
            Path root = Files.createTempDirectory("augur-hf-repo");
            Files.createSymbolicLink(root.resolve("tiny-gpt"), MODELS.resolve("tiny-gpt"));
            // The same model with batched decode steps: its files linked, its own settings.
            Path batched = Files.createDirectories(root.resolve("tiny-gpt-batched/1"));
            try (var files = Files.list(MODELS.resolve("tiny-gpt/1"))) {
                for (Path f : files.toList()) {
                    Files.createSymbolicLink(batched.resolve(f.getFileName()), f);
                }
            }
            Files.writeString(root.resolve("tiny-gpt-batched/config.yaml"),
                    "format: huggingface\ninstances: 8\nmax_batch_size: 8\nmax_latency_ms: 20\n");
            Path minilm = MODELS.resolve("all-minilm-l6-v2");
            if (!Files.isRegularFile(minilm.resolve("1/model.onnx"))) {
                throw new IllegalStateException(minilm + "/1/model.onnx is missing: the predictor build stages it "
                        + "(mvn -pl predictor generate-resources)");
            }
            Files.createSymbolicLink(root.resolve("minilm"), minilm);
            return Map.of("augur.model-repository", root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // Links only: the linked models stay.
    }
}
