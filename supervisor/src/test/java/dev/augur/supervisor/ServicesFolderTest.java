package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesFolderTest {
    @TempDir
    Path dir;

    private void write(String file, String name, String extra) throws IOException {
        Files.writeString(dir.resolve(file), "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                + "metadata:\n  name: " + name + "\nspec:\n  predictor:\n" + extra + "    onnx: {storageUri: /m}\n");
    }

    @Test
    void readsEveryYamlFile() throws IOException {
        write("a.yaml", "a", "");
        write("b.yml", "b", "");
        Files.writeString(dir.resolve("notes.txt"), "not a spec");
        assertEquals(List.of("a", "b"), List.copyOf(new ServicesFolder(dir).scan().services().keySet()));
    }

    private void graph(String file, String name) throws IOException {
        Files.writeString(dir.resolve(file), "apiVersion: serving.kserve.io/v1alpha1\nkind: InferenceGraph\n"
                + "metadata:\n  name: " + name + "\nspec:\n  nodes:\n    root:\n      routerType: Sequence\n"
                + "      steps:\n        - serviceName: a\n");
    }

    @Test
    void graphsAreReadBesideServices() throws IOException {
        write("a.yaml", "a", "");
        graph("g.yaml", "chain");
        ServicesFolder.Scan scan = new ServicesFolder(dir).scan();
        assertEquals(List.of("a"), List.copyOf(scan.services().keySet()));
        assertEquals(List.of("chain"), List.copyOf(scan.graphs().keySet()));
    }

    @Test
    void aGraphNamedLikeAServiceIsAnError() throws IOException {
        write("a.yaml", "a", "");
        graph("g.yaml", "a");
        ServicesFolder.Scan scan = new ServicesFolder(dir).scan();
        assertTrue(scan.graphs().isEmpty());
        assertEquals(List.of(dir.resolve("g.yaml") + ": InferenceGraph 'a': the name is already used in "
                + dir.resolve("a.yaml")), scan.errors());
    }

    @Test
    void invalidFileIsReportedWithItsFieldAndLeftOut() throws IOException {
        write("a.yaml", "a", "");
        write("bad.yaml", "bad", "    minReplicas: x\n");
        ServicesFolder.Scan scan = new ServicesFolder(dir).scan();
        assertEquals(List.of("a"), List.copyOf(scan.services().keySet()));
        assertEquals(List.of(dir.resolve("bad.yaml") + ": spec.predictor.minReplicas must be a non-negative "
                + "integer, got \"x\""), scan.errors());
    }

    @Test
    void duplicateNameIsAnError() throws IOException {
        write("a.yaml", "same", "");
        write("b.yaml", "same", "");
        ServicesFolder.Scan scan = new ServicesFolder(dir).scan();
        assertEquals(1, scan.services().size());
        assertTrue(scan.errors().get(0).contains("is already defined in"), scan.errors().toString());
    }

    @Test
    void changedFileIsReadAgain() throws IOException {
        ServicesFolder folder = new ServicesFolder(dir);
        write("a.yaml", "a", "");
        assertEquals(1, folder.scan().services().get("a").predictor().minReplicas());
        write("a.yaml", "a", "    minReplicas: 0\n");
        assertEquals(0, folder.scan().services().get("a").predictor().minReplicas());
    }

    @Test
    void missingFolderIsReported() {
        ServicesFolder.Scan scan = new ServicesFolder(dir.resolve("nope")).scan();
        assertTrue(scan.services().isEmpty());
        assertTrue(scan.errors().get(0).endsWith("the services folder does not exist"), scan.errors().toString());
    }
}
