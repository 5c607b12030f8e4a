package dev.augur.predictor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import dev.augur.predictor.runtime.lightgbm.LightGbmNative;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trains the LightGBM sample model with LightGBM itself, through lightgbmlib's C API (there is no Python LightGBM
 * on the development machines): an iris multiclass booster, saved as {@code models/iris-lightgbm/1/model.txt}, and
 * LightGBM's own predictions for the 150 rows, computed from the trained booster before saving, in
 * {@code models/iris-lightgbm/reference.json}. Not a test; run from the repository root (see models/README.md).
 * Training is single-threaded and deterministic, so re-running rewrites identical files.
 */
public final class LightGbmModelGenerator {
    static final String TRAIN_PARAMETERS = "objective=multiclass num_class=3 num_iterations=10 learning_rate=0.3 "
            + "num_leaves=7 max_depth=3 min_data_in_leaf=5 num_threads=1 deterministic=true force_row_wise=true "
            + "seed=0 verbosity=-1";
    private static final int ROWS = 150;
    private static final int FEATURES = 4;
    private static final int CLASSES = 3;

    private LightGbmModelGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path models = Path.of(args.length > 0 ? args[0] : "models");
        // The 150 iris rows in scikit-learn's order (written by generate_iris.py): 50 of each class, 0, 1, 2.
        JsonNode rows = new ObjectMapper().readTree(models.resolve("iris-logreg/reference.json").toFile())
                .get("inputs");
        float[] x = new float[ROWS * FEATURES];
        float[] y = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) rows.get(i).get(j).asDouble();
            }
            y[i] = i / 50;
        }
        LightGbmNative.load();
        SWIGTYPE_p_void booster = train(x, y);
        double[] p = predict(booster, x);
        Path model = models.resolve("iris-lightgbm/1/model.txt");
        Files.createDirectories(model.getParent());
        check(lightgbmlib.LGBM_BoosterSaveModel(booster, 0, -1, 0, model.toString()), "save");
        lightgbmlib.LGBM_BoosterFree(booster);
        writeReference(models.resolve("iris-lightgbm/reference.json"), rows, p);
        System.out.println("wrote " + model + " (" + Files.size(model) + " bytes)");
    }

    private static SWIGTYPE_p_void train(float[] x, float[] y) {
        SWIGTYPE_p_float data = lightgbmlib.new_floatArray(x.length);
        SWIGTYPE_p_float labels = lightgbmlib.new_floatArray(y.length);
        SWIGTYPE_p_p_void datasetOut = lightgbmlib.new_voidpp();
        SWIGTYPE_p_p_void boosterOut = lightgbmlib.new_voidpp();
        SWIGTYPE_p_int finished = lightgbmlib.new_intp();
        try {
            for (int i = 0; i < x.length; i++) {
                lightgbmlib.floatArray_setitem(data, i, x[i]);
            }
            for (int i = 0; i < y.length; i++) {
                lightgbmlib.floatArray_setitem(labels, i, y[i]);
            }
            check(lightgbmlib.LGBM_DatasetCreateFromMat(lightgbmlib.float_to_voidp_ptr(data),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32, ROWS, FEATURES, 1, TRAIN_PARAMETERS, null, datasetOut),
                    "dataset");
            SWIGTYPE_p_void dataset = lightgbmlib.voidpp_value(datasetOut);
            check(lightgbmlib.LGBM_DatasetSetField(dataset, "label", lightgbmlib.float_to_voidp_ptr(labels), ROWS,
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32), "labels");
            check(lightgbmlib.LGBM_BoosterCreate(dataset, TRAIN_PARAMETERS, boosterOut), "booster");
            SWIGTYPE_p_void booster = lightgbmlib.voidpp_value(boosterOut);
            for (int i = 0; i < 10; i++) {
                check(lightgbmlib.LGBM_BoosterUpdateOneIter(booster, finished), "iteration " + i);
            }
            lightgbmlib.LGBM_DatasetFree(dataset);
            return booster;
        } finally {
            lightgbmlib.delete_floatArray(data);
            lightgbmlib.delete_floatArray(labels);
            lightgbmlib.delete_voidpp(datasetOut);
            lightgbmlib.delete_voidpp(boosterOut);
            lightgbmlib.delete_intp(finished);
        }
    }

    private static double[] predict(SWIGTYPE_p_void booster, float[] x) {
        SWIGTYPE_p_float data = lightgbmlib.new_floatArray(x.length);
        SWIGTYPE_p_double out = lightgbmlib.new_doubleArray(ROWS * CLASSES);
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        try {
            for (int i = 0; i < x.length; i++) {
                lightgbmlib.floatArray_setitem(data, i, x[i]);
            }
            check(lightgbmlib.LGBM_BoosterPredictForMat(booster, lightgbmlib.float_to_voidp_ptr(data),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32, ROWS, FEATURES, 1,
                    lightgbmlibConstants.C_API_PREDICT_NORMAL, 0, -1, "num_threads=1", length, out), "predict");
            double[] p = new double[ROWS * CLASSES];
            for (int i = 0; i < p.length; i++) {
                p[i] = lightgbmlib.doubleArray_getitem(out, i);
            }
            return p;
        } finally {
            lightgbmlib.delete_floatArray(data);
            lightgbmlib.delete_doubleArray(out);
            lightgbmlib.delete_int64_tp(length);
        }
    }

    private static void writeReference(Path file, JsonNode rows, double[] p) throws IOException {
        StringBuilder labels = new StringBuilder();
        StringBuilder probabilities = new StringBuilder();
        int correct = 0;
        for (int i = 0; i < ROWS; i++) {
            int best = 0;
            probabilities.append(i == 0 ? "[" : ",[");
            for (int k = 0; k < CLASSES; k++) {
                probabilities.append(k == 0 ? "" : ",").append(p[i * CLASSES + k]);
                if (p[i * CLASSES + k] > p[i * CLASSES + best]) {
                    best = k;
                }
            }
            probabilities.append(']');
            labels.append(i == 0 ? "" : ",").append(best);
            correct += best == i / 50 ? 1 : 0;
        }
        if (correct < 135) {
            throw new IllegalStateException("the booster did not learn iris: " + correct + "/150 correct");
        }
        Files.writeString(file, "{\"inputs\":" + rows + ",\"labels\":[" + labels + "],\"probabilities\":["
                + probabilities + "]}\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + file + " (" + correct + "/150 rows classified correctly)");
    }

    private static void check(int rc, String what) {
        if (rc != 0) {
            throw new IllegalStateException(what + ": " + lightgbmlib.LGBM_GetLastError());
        }
    }
}
