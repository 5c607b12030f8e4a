package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.InferenceServiceParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The podman command line a custom container's revision runs with: what Knative and KServe would give it. */
class ContainerLauncherTest {
    private static final ContainerConfig CONFIG = TestContainerConfig.DEFAULTS;
    private final ContainerLauncher launcher = new ContainerLauncher(new Podman(CONFIG), CONFIG, Path.of("/tmp/run"),
            "run1", "127.0.0.1:8080", "example.com");

    private static InferenceService spec(String components) {
        return InferenceServiceParser.parse("s.yaml", "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\n"
                + "metadata:\n  name: s\nspec:\n" + components).get(0);
    }

    private List<String> arguments(InferenceService s, ComponentKind kind) {
        Component c = s.component(kind).orElseThrow();
        Revision r = new Revision(s.name(), s.namespace(), "s-" + kind.field() + "-00001", c, Duration.ofSeconds(1),
                launcher, null, new Revision.Settings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                        Duration.ZERO), null, () -> { }, e -> { });
        return launcher.arguments(r, c.containers().get(0), "augur-x-" + r.name(), 40000);
    }

    private static final String PREDICTOR = "  predictor:\n    onnx: {storageUri: /m}\n";

    @Test
    void aTransformerGetsKServesArgumentsWithAPredictorHostThatComesBackToTheGateway() {
        List<String> a = arguments(spec(PREDICTOR + "  transformer:\n    containers:\n      - image: me/t:1\n"
                + "        command: [python3, /srv/t.py]\n        args: [--workers, \"1\"]\n"), ComponentKind.TRANSFORMER);
        int image = a.indexOf("me/t:1");
        assertEquals(List.of("--workers", "1", "--model_name", "s", "--predictor_host",
                "s-predictor.default.example.com:8080", "--http_port", "8080"), a.subList(image + 1, a.size()));
        assertEquals("[\"python3\",\"/srv/t.py\"]", a.get(a.indexOf("--entrypoint") + 1));
        assertEquals("s-predictor.default.example.com:10.0.2.2", a.get(a.indexOf("--add-host") + 1));
    }

    @Test
    void theServingPortIsPublishedOnLoopbackOnly() {
        List<String> a = arguments(spec("  predictor:\n    containers:\n      - image: me/p:1\n        ports:\n"
                + "          - {containerPort: 9000}\n"), ComponentKind.PREDICTOR);
        assertEquals("127.0.0.1:40000:9000", a.get(a.indexOf("-p") + 1));
        assertTrue(a.contains("PORT=9000"), a.toString());
    }

    @Test
    void theSpecsEnvGoesInAndNothingOfTheRunsToken() {
        List<String> a = arguments(spec("  predictor:\n    containers:\n      - image: me/p:1\n        env:\n"
                + "          - {name: PROTOCOL, value: v2}\n"), ComponentKind.PREDICTOR);
        assertTrue(a.contains("PROTOCOL=v2"), a.toString());
        assertFalse(String.join(" ", a).contains("INTERNAL_TOKEN"), a.toString());
        assertFalse(a.contains("--add-host"), "a predictor does not call back");
    }

    @Test
    void itIsLabelledWithItsRunDirForCleanUpAfterACrash() {
        List<String> a = arguments(spec("  predictor:\n    containers:\n      - image: me/p:1\n"), ComponentKind.PREDICTOR);
        assertTrue(a.contains(Podman.RUN_DIR_LABEL + "=/tmp/run"), a.toString());
        assertTrue(a.containsAll(List.of("--pull", "never")), "no registry is ever asked");
    }

    @Test
    void readinessIsTheSpecsProbeElseTheV2HealthPath() {
        Component probed = spec("  predictor:\n    containers:\n      - image: me/p:1\n        readinessProbe:\n"
                + "          httpGet: {path: ready}\n").predictor();
        assertEquals(new Launcher.Readiness("/ready", false), ContainerLauncher.readiness(probed,
                probed.containers().get(0)));
        Component plain = spec("  predictor:\n    containers:\n      - image: me/p:1\n        env:\n"
                + "          - {name: PROTOCOL, value: v2}\n").predictor();
        assertEquals(new Launcher.Readiness("/v2/health/ready", false), ContainerLauncher.readiness(plain,
                plain.containers().get(0)));
    }

    @Test
    void augursOwnTransformerRunsAsAJarAndAnyPredictorContainerWithPodman() {
        InferenceService s = spec("  predictor:\n    containers:\n      - image: augur/predictor-jvm:1\n"
                + "  transformer:\n    containers:\n      - image: augur/transformer-jvm:1\n");
        assertFalse(ContainerLauncher.runs(s.transformer().orElseThrow()));
        assertTrue(ContainerLauncher.runs(s.predictor()));
    }
}
