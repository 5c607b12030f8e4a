package dev.augur.transformer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the transformer under test at the real predictor process. */
public class PredictorResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("augur.transformer.predictor-address", PredictorProcess.get().address());
    }

    @Override
    public void stop() {
        // The process is shared by the test JVM and stopped by its shutdown hook.
    }
}
