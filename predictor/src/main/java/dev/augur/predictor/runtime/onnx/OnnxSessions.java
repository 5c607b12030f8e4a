package dev.augur.predictor.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.augur.predictor.config.PredictorConfig;
import java.nio.file.Path;

/** Opens ONNX Runtime sessions the one way the predictor's ONNX-based runtimes (plain ONNX, Hugging Face) want. */
public final class OnnxSessions {
    private OnnxSessions() {
    }

    /**
     * A session on the model file with the configured thread pools, sequential execution (requests already run in
     * parallel) and every graph optimisation; the native libraries come from the cache ({@link OnnxNatives}).
     */
    public static OrtSession open(PredictorConfig.Onnx config, Path file) throws OrtException {
        OnnxNatives.prepare(Path.of(config.nativeCacheDir()));
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(config.intraOpThreads());
            options.setInterOpNumThreads(config.interOpThreads());
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return OrtEnvironment.getEnvironment().createSession(file.toString(), options);
        }
    }

    /** Closes a session a model owns; closing only fails when it was already closed, which is no error here. */
    public static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Already closed.
        }
    }
}
