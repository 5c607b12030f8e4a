package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.InferenceServiceParser;
import dev.augur.protocol.core.InternalToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The podman command line Augur's own components run with in the containers runtime: what KServe would give them. */
class AugurImageLauncherTest {
    private static final String TOKEN = "the-runs-token";
    @TempDir
    Path tmp;
    private Path services;
    private Path models;

    @BeforeEach
    void files() throws IOException {
        services = Files.createDirectories(tmp.resolve("examples"));
        Files.createDirectories(services.resolve("pipelines"));
        Files.writeString(services.resolve("pipelines/iris.yaml"), "name: iris\n");
        models = Files.createDirectories(tmp.resolve("models/iris/1"));
        Files.writeString(models.resolve("model.onnx"), "onnx");
        Files.writeString(tmp.resolve("models/iris/reference.json"), "{}");
    }

    private List<String> arguments(String components, ComponentKind kind) throws IOException {
        InferenceService s = InferenceServiceParser.parse("s.yaml", "apiVersion: serving.kserve.io/v1beta1\n"
                + "kind: InferenceService\nmetadata:\n  name: s\nspec:\n" + components).get(0);
        ContainerConfig config = TestContainerConfig.DEFAULTS;
        PodmanRun run = new PodmanRun(new Podman(config), config, tmp.resolve("run"), "run1");
        AugurImageLauncher launcher = new AugurImageLauncher(run, kind, services, TOKEN, "127.0.0.1:8080",
                "example.com");
        Component c = s.component(kind).orElseThrow();
        Revision r = new Revision(s.name(), s.namespace(), "s-" + kind.field() + "-00001", c, Duration.ofSeconds(1),
                launcher, null, new Revision.Settings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                        Duration.ZERO), null, () -> { }, e -> { });
        return launcher.arguments(r, AugurImageLauncher.image(c, config), "augur-x-" + r.name(), 40000);
    }

    private static final String PREDICTOR = "  predictor:\n    model:\n      modelFormat: {name: onnx}\n"
            + "      storageUri: ../models/iris\n";

    private static String value(List<String> a, String option, String prefix) {
        for (int i = 0; i < a.size() - 1; i++) {
            if (a.get(i).equals(option) && a.get(i + 1).startsWith(prefix)) {
                return a.get(i + 1);
            }
        }
        throw new AssertionError("no " + option + " " + prefix + "... in " + a);
    }

    @Test
    void thePredictorsModelFolderIsMountedReadOnlyWhereKServeMountsModels() throws IOException {
        List<String> a = arguments(PREDICTOR, ComponentKind.PREDICTOR);
        assertEquals(tmp.resolve("models/iris").toRealPath() + ":/mnt/models/s:ro", value(a, "-v", "/"));
        assertEquals("augur/predictor-jvm:latest", a.get(a.size() - 1), "the configured image, last");
        assertEquals("127.0.0.1:40000:8080", value(a, "-p", ""));
    }

    @Test
    void aSingleFileModelGetsAFolderOfItsOwn() throws IOException {
        List<String> a = arguments(PREDICTOR.replace("../models/iris", "../models/iris/1/model.onnx"),
                ComponentKind.PREDICTOR);
        assertEquals(models.resolve("model.onnx").toRealPath() + ":/mnt/models/s/model.onnx:ro", value(a, "-v", "/"));
    }

    @Test
    void theContainerRunsAsKubernetesRunsTheImage() throws IOException {
        List<String> a = arguments(PREDICTOR, ComponentKind.PREDICTOR);
        assertTrue(a.containsAll(List.of("--read-only", "--pull", "never", "no-new-privileges")), a.toString());
        assertEquals("ALL", value(a, "--cap-drop", ""));
    }

    @Test
    void theRunsTokenGoesByNameOnlyNeverOnTheCommandLine() throws IOException {
        List<String> a = arguments(PREDICTOR, ComponentKind.PREDICTOR);
        assertEquals(InternalToken.ENV, value(a, "--env", InternalToken.ENV));
        assertFalse(String.join(" ", a).contains(TOKEN), a.toString());
    }

    @Test
    void aTransformerReachesItsPredictorThroughTheGatewayAtTheHostsLoopback() throws IOException {
        List<String> a = arguments(PREDICTOR + "  transformer:\n    containers:\n"
                + "      - image: augur/transformer-jvm:latest\n        env:\n"
                + "          - {name: AUGUR_TRANSFORMER_PIPELINE, value: pipelines/iris.yaml}\n",
                ComponentKind.TRANSFORMER);
        assertEquals("AUGUR_TRANSFORMER_PREDICTOR_ADDRESS=10.0.2.2:8080",
                value(a, "--env", "AUGUR_TRANSFORMER_PREDICTOR_ADDRESS"));
        assertEquals("AUGUR_TRANSFORMER_PREDICTOR_AUTHORITY=s-predictor.default.example.com",
                value(a, "--env", "AUGUR_TRANSFORMER_PREDICTOR_AUTHORITY"));
        assertEquals("augur/transformer-jvm:latest", a.get(a.size() - 1), "the image its spec names");
    }

    @Test
    void theServicesFolderIsMountedAtItsOwnPathAsTheWorkingDirectory() throws IOException {
        List<String> a = arguments(PREDICTOR + "  transformer:\n    containers:\n"
                + "      - image: augur/transformer-jvm:latest\n        env:\n"
                + "          - {name: AUGUR_TRANSFORMER_PIPELINE, value: pipelines/iris.yaml}\n",
                ComponentKind.TRANSFORMER);
        assertEquals(services.toRealPath() + ":" + services + ":ro", value(a, "-v", services.toRealPath().toString()));
        assertEquals(services.toString(), value(a, "--workdir", ""));
        assertEquals("AUGUR_TRANSFORMER_PIPELINE=pipelines/iris.yaml", value(a, "--env", "AUGUR_TRANSFORMER_PIPELINE"),
                "relative paths mean the same as for the process");
    }

    @Test
    void aFileASettingNamesOutsideTheServicesFolderIsMountedAtItsPath() throws IOException {
        List<String> a = arguments(PREDICTOR + "  explainer:\n    containers:\n"
                + "      - image: augur/explainer-jvm:latest\n        env:\n"
                + "          - {name: AUGUR_EXPLAINER_BACKGROUND, value: ../models/iris/reference.json}\n"
                + "          - {name: AUGUR_EXPLAINER_FEATURE_NAMES, value: \"a,b,c,d\"}\n",
                ComponentKind.EXPLAINER);
        Path background = tmp.resolve("models/iris/reference.json").toAbsolutePath().normalize();
        assertEquals(background.toRealPath() + ":" + background + ":ro",
                value(a, "-v", background.toRealPath().toString()));
        assertEquals(2, a.stream().filter("-v"::equals).count(), "the services folder and the background file");
    }

    @Test
    void aSettingNamingAnAncestorOfTheServicesFolderMountsNothing() {
        assertEquals(List.of(), AugurImageLauncher.namedOutside(Map.of("A", "..", "B", "/", "C", "kernel-shap"),
                services.toAbsolutePath().normalize()));
    }
}
