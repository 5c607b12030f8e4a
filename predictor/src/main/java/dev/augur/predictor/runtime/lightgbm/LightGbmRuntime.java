package dev.augur.predictor.runtime.lightgbm;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import dev.augur.predictor.runtime.FeatureMatrix;
import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.predictor.runtime.ModelFiles;
import dev.augur.predictor.runtime.ModelRuntime;
import dev.augur.predictor.runtime.ModelSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * LightGBM through lightgbmlib's SWIG bindings of its C API: text models ({@code .txt}, and {@code .bst} or
 * {@code .model} files that hold a text model, which starts with {@code tree}).
 */
@ApplicationScoped
public class LightGbmRuntime implements ModelRuntime {

    @Override
    public Set<String> formats() {
        return Set.of("lightgbm");
    }

    @Override
    public boolean accepts(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        // Any .txt would also claim a README.txt beside the model: only model.txt, or a file that reads like one.
        return name.equals("model.txt")
                || ((name.endsWith(".txt") || name.endsWith(".bst") || name.endsWith(".model"))
                        && ModelFiles.startsWith(file, "tree"));
    }

    @Override
    public LoadedModel load(Path file, ModelSettings settings) throws Exception {
        if (settings.predictProba()) {
            throw new IOException("predict_proba is for XGBoost models; LightGBM classifiers always answer "
                    + "probabilities");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file.getFileName() + " is not a LightGBM text model (not UTF-8 text)");
        }
        LightGbmText.validate(text, file.getFileName().toString());
        LightGbmNative.load();
        SWIGTYPE_p_void booster = loadBooster(LightGbmText.withoutTreeSizes(text), file);
        try {
            int classes = intResult(booster, true);
            int features = intResult(booster, false);
            LightGbmModel model = new LightGbmModel(booster, objective(text), classes, features, bytes.length);
            // One prediction now, so a model LightGBM cannot run fails here rather than on the first request.
            model.predict(new FeatureMatrix(1, features, new float[features]));
            return model;
        } catch (IOException | RuntimeException e) {
            lightgbmlib.LGBM_BoosterFree(booster);
            throw e;
        }
    }

    private static SWIGTYPE_p_void loadBooster(String text, Path file) throws IOException {
        SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int iterations = lightgbmlib.new_intp();
        try {
            check(lightgbmlib.LGBM_BoosterLoadModelFromString(text, iterations, out),
                    file.getFileName() + " is not a valid LightGBM model");
            return lightgbmlib.voidpp_value(out);
        } finally {
            lightgbmlib.delete_voidpp(out);
            lightgbmlib.delete_intp(iterations);
        }
    }

    private static int intResult(SWIGTYPE_p_void booster, boolean classes) throws IOException {
        SWIGTYPE_p_int value = lightgbmlib.new_intp();
        try {
            check(classes ? lightgbmlib.LGBM_BoosterGetNumClasses(booster, value)
                    : lightgbmlib.LGBM_BoosterGetNumFeature(booster, value), "cannot read the model's shape");
            return lightgbmlib.intp_value(value);
        } finally {
            lightgbmlib.delete_intp(value);
        }
    }

    /** The objective's name from the model's header line, e.g. {@code objective=multiclass num_class:3}. */
    static String objective(String text) {
        for (String line : text.lines().limit(64).toList()) {
            if (line.startsWith("objective=")) {
                String value = line.substring("objective=".length()).strip();
                int space = value.indexOf(' ');
                return space < 0 ? value : value.substring(0, space);
            }
        }
        return "";
    }

    /** Throws LightGBM's last error (kept per thread by LightGBM) when a C API call failed. */
    static void check(int rc, String what) throws IllegalStateException {
        if (rc != 0) {
            throw new LightGbmException(what + ": " + lightgbmlib.LGBM_GetLastError());
        }
    }

    /** A failed LightGBM C API call. */
    static final class LightGbmException extends IllegalStateException {
        LightGbmException(String message) {
            super(message);
        }
    }
}
