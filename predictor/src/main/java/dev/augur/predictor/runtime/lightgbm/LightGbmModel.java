package dev.augur.predictor.runtime.lightgbm;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import dev.augur.predictor.runtime.FeatureMatrix;
import dev.augur.predictor.runtime.SignedModel;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One LightGBM booster. Classifiers ({@code binary}, {@code multiclass}, {@code multiclassova}) answer
 * {@code probabilities} FP64 [N, classes] first (what KServe's lgbserver returns for multiclass; binary models get
 * both columns, as LGBMClassifier.predict_proba) and {@code label} INT64 [N], the most probable class; other
 * objectives answer LightGBM's prediction as {@code predict} FP64 [N] ([N, k] for k outputs per row).
 *
 * <p>{@code LGBM_BoosterPredictForMat} takes the booster's lock shared (LightGBM's own reader/writer lock), so
 * requests predict concurrently; each prediction uses one thread ({@code num_threads=1}). Every native buffer is
 * freed in {@code finally}; the booster is freed once by {@link #close}, after the model's executor has drained.
 */
final class LightGbmModel extends SignedModel {
    static final String INPUT = "input-0";
    static final String PROBABILITIES = "probabilities";
    static final String LABEL = "label";
    static final String PREDICT = "predict";
    private static final String PREDICT_PARAMETERS = "num_threads=1";

    private final SWIGTYPE_p_void booster;
    private final boolean classifier;
    private final boolean binary;
    private final int width;
    private final AtomicBoolean closed = new AtomicBoolean();

    LightGbmModel(SWIGTYPE_p_void booster, String objective, int numClasses, int numFeatures, long bytes) {
        super("lightgbm", List.of(new TensorSpec(INPUT, DataType.FP32, new long[] {-1, numFeatures})),
                outputs(objective, numClasses), bytes);
        this.booster = booster;
        this.binary = objective.equals("binary");
        this.classifier = classifier(objective);
        this.width = numClasses;
    }

    private static boolean classifier(String objective) {
        return objective.equals("binary") || objective.startsWith("multiclass");
    }

    private static List<TensorSpec> outputs(String objective, int numClasses) {
        if (classifier(objective)) {
            return List.of(new TensorSpec(PROBABILITIES, DataType.FP64,
                    new long[] {-1, objective.equals("binary") ? 2 : numClasses}),
                    new TensorSpec(LABEL, DataType.INT64, new long[] {-1}));
        }
        return List.of(new TensorSpec(PREDICT, DataType.FP64,
                numClasses > 1 ? new long[] {-1, numClasses} : new long[] {-1}));
    }

    @Override
    public List<Tensor> infer(List<Tensor> in, List<String> wanted) {
        FeatureMatrix x = FeatureMatrix.of(in.get(0));
        int n = x.rows();
        double[] raw = predict(x);
        List<Tensor> out = new ArrayList<>(wanted.size());
        if (!classifier) {
            out.add(Tensor.ofDoubles(PREDICT, width > 1 ? new long[] {n, width} : new long[] {n}, raw));
            return out;
        }
        int classes = binary ? 2 : width;
        double[] probabilities = raw;
        if (binary) {
            probabilities = new double[n * 2];
            for (int i = 0; i < n; i++) {
                probabilities[i * 2] = 1 - raw[i];
                probabilities[i * 2 + 1] = raw[i];
            }
        }
        for (String name : wanted) {
            if (name.equals(PROBABILITIES)) {
                out.add(Tensor.ofDoubles(PROBABILITIES, new long[] {n, classes}, probabilities));
            } else {
                out.add(Tensor.ofLongs(LABEL, new long[] {n}, argmax(probabilities, n, classes)));
            }
        }
        return out;
    }

    /** LightGBM's normal prediction for every row, {@code rows * width} values. */
    double[] predict(FeatureMatrix x) {
        int n = x.rows();
        int cells = n * x.features();
        if (n == 0) {
            return new double[0];
        }
        SWIGTYPE_p_float data = lightgbmlib.new_floatArray(cells);
        SWIGTYPE_p_double result = lightgbmlib.new_doubleArray((long) n * width);
        SWIGTYPE_p_long_long length = lightgbmlib.new_int64_tp();
        try {
            float[] values = x.values();
            for (int i = 0; i < cells; i++) {
                lightgbmlib.floatArray_setitem(data, i, values[i]);
            }
            LightGbmRuntime.check(lightgbmlib.LGBM_BoosterPredictForMat(booster, lightgbmlib.float_to_voidp_ptr(data),
                    lightgbmlibConstants.C_API_DTYPE_FLOAT32, n, x.features(), 1,
                    lightgbmlibConstants.C_API_PREDICT_NORMAL, 0, -1, PREDICT_PARAMETERS, length, result),
                    "prediction failed");
            long got = lightgbmlib.int64_tp_value(length);
            if (got != (long) n * width) {
                throw new IllegalStateException("LightGBM returned " + got + " values for " + n + " rows, expected "
                        + (long) n * width);
            }
            double[] out = new double[(int) got];
            for (int i = 0; i < out.length; i++) {
                out[i] = lightgbmlib.doubleArray_getitem(result, i);
            }
            return out;
        } finally {
            lightgbmlib.delete_floatArray(data);
            lightgbmlib.delete_doubleArray(result);
            lightgbmlib.delete_int64_tp(length);
        }
    }

    /** The first index of each row's largest probability (as numpy's argmax). */
    private static long[] argmax(double[] p, int rows, int cols) {
        long[] labels = new long[rows];
        for (int i = 0; i < rows; i++) {
            int best = 0;
            for (int k = 1; k < cols; k++) {
                if (p[i * cols + k] > p[i * cols + best]) {
                    best = k;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lightgbmlib.LGBM_BoosterFree(booster);
        }
    }
}
