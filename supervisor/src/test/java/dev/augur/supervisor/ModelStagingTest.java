package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStagingTest {
    @TempDir
    Path tmp;

    @Test
    void relativePathResolvesAgainstTheServicesFolder() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("models/iris"));
        Path services = Files.createDirectories(tmp.resolve("examples"));
        assertEquals(model, ModelStaging.resolve("../models/iris", services));
    }

    @Test
    void relativeFileUriResolvesAgainstTheServicesFolder() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("models/iris"));
        Path services = Files.createDirectories(tmp.resolve("examples"));
        assertEquals(model, ModelStaging.resolve("file://../models/iris", services));
    }

    @Test
    void absoluteFileUri() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("models/iris"));
        assertEquals(model, ModelStaging.resolve("file://" + model, tmp.resolve("elsewhere")));
    }

    @Test
    void remoteSchemesAreRefusedInLocalMode() {
        IOException e = assertThrows(IOException.class,
                () -> ModelStaging.resolve("gs://kfserving-examples/models/sklearn/1.0/model", tmp));
        assertTrue(e.getMessage().contains("cannot be served in local mode"), e.getMessage());
    }

    @Test
    void missingModelIsNamed() {
        IOException e = assertThrows(IOException.class, () -> ModelStaging.resolve("nope", tmp));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void folderIsLinkedUnderTheServiceName() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("models/iris-logreg/1"));
        Files.writeString(model.resolve("model.onnx"), "x");
        Path repo = ModelStaging.stage(tmp.resolve("run/rev1"), "iris", tmp.resolve("models/iris-logreg"));
        assertEquals("x", Files.readString(repo.resolve("iris/1/model.onnx")));
    }

    @Test
    void singleFileGetsAFolderNamedAfterTheService() throws IOException {
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("m")).resolve("model.onnx"), "y");
        Path repo = ModelStaging.stage(tmp.resolve("run/rev1"), "iris", file);
        assertEquals("y", Files.readString(repo.resolve("iris/model.onnx")));
    }

    @Test
    void restagingNeverDeletesTheModel() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("models/iris"));
        Files.writeString(model.resolve("model.onnx"), "z");
        ModelStaging.stage(tmp.resolve("run/rev1"), "iris", model);
        ModelStaging.stage(tmp.resolve("run/rev1"), "iris", model);
        assertEquals("z", Files.readString(model.resolve("model.onnx")));
    }
}
