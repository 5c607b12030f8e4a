package dev.augur.predictor.runtime.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which repositories make the predictor load ONNX Runtime before Quarkus starts: those holding an ONNX model, in
 * either layout, also behind a symbolic link (how mounted model folders often arrive); never one without.
 */
class OnnxPreloadTest {
    private static final Path MODELS = Path.of("..", "models");

    @TempDir
    Path repo;

    @Test
    void aVersionFolderWithAnOnnxModelIsFound() throws Exception {
        Files.createDirectories(repo.resolve("iris/1"));
        Files.copy(MODELS.resolve("iris-logreg/1/model.onnx"), repo.resolve("iris/1/model.onnx"));
        assertTrue(OnnxPreload.holdsOnnx(repo));
    }

    @Test
    void anOnnxModelBehindASymbolicLinkIsFound() throws Exception {
        Files.createSymbolicLink(repo.resolve("iris"), MODELS.resolve("iris-logreg").toAbsolutePath());
        assertTrue(OnnxPreload.holdsOnnx(repo));
    }

    @Test
    void aRepositoryWithoutOnnxModelsLoadsNoOnnxRuntime() throws Exception {
        Files.createDirectories(repo.resolve("iris-xgboost/1"));
        Files.copy(MODELS.resolve("iris-xgboost/1/model.json"), repo.resolve("iris-xgboost/1/model.json"));
        assertFalse(OnnxPreload.holdsOnnx(repo));
    }

    @Test
    void aMissingRepositoryLoadsNothing() {
        assertFalse(OnnxPreload.holdsOnnx(repo.resolve("absent")));
    }
}
