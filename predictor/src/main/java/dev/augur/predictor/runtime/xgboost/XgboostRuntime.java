package dev.augur.predictor.runtime.xgboost;

import dev.augur.predictor.runtime.FeatureMatrix;
import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.predictor.runtime.ModelFiles;
import dev.augur.predictor.runtime.ModelRuntime;
import dev.augur.predictor.runtime.ModelSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * XGBoost through xgboost4j's Java API (no Scala needed): JSON ({@code .json}) and UBJSON ({@code .ubj}) models,
 * and {@code .bst} / {@code .model} files holding either. The legacy binary format is refused with a reason:
 * XGBoost removed it in 3.1, so xgboost4j 3.4 cannot read it.
 */
@ApplicationScoped
public class XgboostRuntime implements ModelRuntime {
    private static final Set<String> EXTENSIONS = Set.of("json", "ubj", "bst", "model");

    @Override
    public Set<String> formats() {
        return Set.of("xgboost");
    }

    @Override
    public boolean accepts(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !EXTENSIONS.contains(name.substring(dot + 1))) {
            return false;
        }
        // A .bst or .model can also be a LightGBM text model; those start with "tree".
        return !(name.endsWith(".bst") || name.endsWith(".model")) || !ModelFiles.startsWith(file, "tree");
    }

    @Override
    public LoadedModel load(Path file, ModelSettings settings) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0 || bytes[0] != '{') {
            throw new IOException(file.getFileName() + " is not an XGBoost JSON or UBJSON model"
                    + (bytes.length >= 4 && new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("binf")
                            ? " but XGBoost's legacy binary format, which XGBoost removed in 3.1 (this server has "
                                    + "xgboost4j 3.4): re-save it with XGBoost 3.0 or earlier as model.json or "
                                    + "model.ubj"
                            : ""));
        }
        Booster booster;
        try {
            booster = XGBoost.loadModel(bytes);
        } catch (XGBoostError e) {
            throw new IOException(file.getFileName() + " is not a valid XGBoost model: " + message(e), e);
        }
        try {
            // Requests run in parallel on few cores: one XGBoost thread per prediction.
            booster.setParam("nthread", 1);
            XgboostInfo info = XgboostInfo.parse(booster.toByteArray("json"));
            if (info.numFeature() < 1 || info.numFeature() != booster.getNumFeature()) {
                throw new IOException(file.getFileName() + ": cannot tell the number of features");
            }
            if (settings.predictProba() && (!info.classifier() || info.objective().equals("binary:hinge"))) {
                throw new IOException("predict_proba is set but objective " + info.objective()
                        + " gives no class probabilities");
            }
            XgboostModel model = new XgboostModel(booster, info, settings.predictProba(), bytes.length);
            // Configures the booster now, on this thread, before requests predict concurrently.
            model.predict(new FeatureMatrix(1, info.numFeature(), new float[info.numFeature()]),
                    Booster.PredictionType.kValue);
            return model;
        } catch (XGBoostError e) {
            booster.dispose();
            throw new IOException(file.getFileName() + ": " + message(e), e);
        } catch (IOException | RuntimeException e) {
            booster.dispose();
            throw e;
        }
    }

    /** XGBoost's message without its native stack trace and log prefix. */
    static String message(XGBoostError e) {
        String m = String.valueOf(e.getMessage());
        int trace = m.indexOf("Stack trace:");
        if (trace >= 0) {
            m = m.substring(0, trace);
        }
        m = m.strip().replaceFirst("^\\[[0-9:]+\\] \\S+: ", "");
        return m;
    }
}
