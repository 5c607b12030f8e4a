package dev.augur.predictor;

import dev.augur.predictor.runtime.onnx.OnnxPreload;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The predictor's entry point: Quarkus' own, after starting what the first answer needs and Quarkus does not
 * ({@link OnnxPreload}: ONNX Runtime's native library, beside Quarkus' start). Tests and dev mode start Quarkus
 * without it, and load the library with the first model, as before.
 */
@QuarkusMain
public final class PredictorMain {
    private PredictorMain() {
    }

    public static void main(String... args) {
        OnnxPreload.start();
        Quarkus.run(args);
    }
}
