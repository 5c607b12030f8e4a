package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.augur.catalog.CatalogStatus;
import dev.augur.catalog.Endpoint;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.InferenceServiceParser;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * KServe's rollout rules on revisions that are ready at once (external endpoints, no processes): which revisions
 * exist after each spec change and what share of traffic each takes.
 */
class LocalServiceTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Revision.Settings settings = new Revision.Settings(Duration.ofSeconds(5), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60));
    private final LocalService service = new LocalService("iris", ComponentKind.PREDICTOR, (spec, generation) -> {
        String name = String.format("iris-predictor-%05d", generation);
        return new Revision("iris", "default", name, spec.predictor(), Duration.ofSeconds(1), null,
                new ReadinessProbe(executor), settings,
                new Endpoint("iris-predictor", name, "127.0.0.1", 9000 + generation, Duration.ofSeconds(1)),
                () -> { }, e -> { });
    }, new Random(1));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static InferenceService spec(String model, Integer canary) {
        return InferenceServiceParser.parse("iris.yaml", "apiVersion: serving.kserve.io/v1beta1\n"
                + "kind: InferenceService\nmetadata:\n  name: iris\nspec:\n  predictor:\n"
                + (canary == null ? "" : "    canaryTrafficPercent: " + canary + "\n")
                + "    onnx: {storageUri: /models/" + model + "}\n").get(0);
    }

    /** Revision name to traffic percent. */
    private Map<String, Integer> traffic() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (CatalogStatus.Revision r : service.status()) {
            out.put(r.name(), r.percent());
        }
        return out;
    }

    @Test
    void firstRolloutTakesAllTrafficEvenWithACanaryPercent() {
        service.apply(spec("a", 20));
        assertEquals(Map.of("iris-predictor-00001", 100), traffic());
    }

    @Test
    void newSpecWithCanarySplitsAgainstThePreviousRevision() {
        service.apply(spec("a", null));
        service.apply(spec("b", 20));
        assertEquals(Map.of("iris-predictor-00001", 80, "iris-predictor-00002", 20), traffic());
    }

    @Test
    void newSpecWithoutCanaryRollsOverAndStopsThePrevious() {
        service.apply(spec("a", null));
        service.apply(spec("b", null));
        assertEquals(Map.of("iris-predictor-00002", 100), traffic());
    }

    @Test
    void changingOnlyThePercentMakesNoRevision() {
        service.apply(spec("a", null));
        service.apply(spec("b", 20));
        service.apply(spec("b", 60));
        assertEquals(Map.of("iris-predictor-00001", 40, "iris-predictor-00002", 60), traffic());
    }

    @Test
    void removingThePercentPromotesTheCanary() {
        service.apply(spec("a", null));
        service.apply(spec("b", 20));
        service.apply(spec("b", null));
        assertEquals(Map.of("iris-predictor-00002", 100), traffic());
    }

    @Test
    void replacingACanaryKeepsTheSameBase() {
        service.apply(spec("a", null));
        service.apply(spec("b", 20));
        service.apply(spec("c", 20));
        assertEquals(Map.of("iris-predictor-00001", 80, "iris-predictor-00003", 20), traffic());
    }

    @Test
    void zeroPercentSendsEverythingBackToThePrevious() {
        service.apply(spec("a", null));
        service.apply(spec("b", 0));
        assertEquals(Map.of("iris-predictor-00001", 100, "iris-predictor-00002", 0), traffic());
    }
}
