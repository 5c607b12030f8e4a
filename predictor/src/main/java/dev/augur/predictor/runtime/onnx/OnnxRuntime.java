package dev.augur.predictor.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.augur.predictor.config.PredictorConfig;
import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.predictor.runtime.ModelRuntime;
import dev.augur.predictor.runtime.ModelSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** Microsoft's ONNX Runtime, including the {@code ai.onnx.ml} operators scikit-learn exports use. */
@ApplicationScoped
public class OnnxRuntime implements ModelRuntime {
    private final PredictorConfig.Onnx config;

    public OnnxRuntime(PredictorConfig config) {
        this.config = config.onnx();
    }

    @Override
    public Set<String> formats() {
        return Set.of("onnx");
    }

    @Override
    public boolean accepts(Path file) {
        return file.getFileName().toString().endsWith(".onnx");
    }

    @Override
    public LoadedModel load(Path file, ModelSettings settings) throws Exception {
        OrtSession session = OnnxSessions.open(config, file);
        try {
            return new OnnxModel(OrtEnvironment.getEnvironment(), session, Files.size(file));
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }
}
