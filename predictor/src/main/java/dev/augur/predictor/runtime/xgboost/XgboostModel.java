package dev.augur.predictor.runtime.xgboost;

import dev.augur.predictor.runtime.FeatureMatrix;
import dev.augur.predictor.runtime.SignedModel;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One XGBoost booster, served as KServe's xgbserver serves it: classifiers answer the predicted class as FP32
 * {@code predict} (xgbserver's V1 predictions are floats, e.g. {@code [1.0, 1.0]}), with {@code probabilities}
 * [N, classes] first when {@code predict_proba} is set; regressors answer the prediction as {@code predict}.
 *
 * <p>Only {@link Booster#inplace_predict} is called after loading: XGBoost documents it as safe and lock-free
 * from many threads as long as no other method runs at the same time. The load makes one prediction first, so the
 * booster's lazy configuration happens there, on one thread; {@link #close} runs after the model's executor has
 * drained.
 */
final class XgboostModel extends SignedModel {
    static final String INPUT = "input-0";
    static final String PREDICT = "predict";
    static final String PROBABILITIES = "probabilities";
    private static final int[] ALL_TREES = {0, 0};

    private final Booster booster;
    private final XgboostInfo info;
    private final int classes;

    XgboostModel(Booster booster, XgboostInfo info, boolean predictProba, long bytes) {
        super("xgboost", List.of(new TensorSpec(INPUT, DataType.FP32, new long[] {-1, info.numFeature()})),
                outputs(info, predictProba), bytes);
        this.booster = booster;
        this.info = info;
        this.classes = classes(info);
    }

    private static int classes(XgboostInfo info) {
        return info.objective().startsWith("binary:") ? 2 : info.numClass();
    }

    private static List<TensorSpec> outputs(XgboostInfo info, boolean predictProba) {
        List<TensorSpec> out = new ArrayList<>(2);
        if (predictProba) {
            out.add(new TensorSpec(PROBABILITIES, DataType.FP32, new long[] {-1, classes(info)}));
        }
        out.add(new TensorSpec(PREDICT, DataType.FP32,
                info.numTarget() > 1 ? new long[] {-1, info.numTarget()} : new long[] {-1}));
        return out;
    }

    @Override
    public List<Tensor> infer(List<Tensor> in, List<String> wanted) throws XGBoostError {
        FeatureMatrix x = FeatureMatrix.of(in.get(0));
        int n = x.rows();
        float[][] values = n == 0 ? new float[0][] : predict(x, Booster.PredictionType.kValue);
        float[] labels = null;
        float[] probabilities = null;
        String objective = info.objective();
        if (!info.classifier()) {
            labels = flatten(values);
        } else if (objective.equals("multi:softmax")) {
            labels = flatten(values);
            if (wanted.contains(PROBABILITIES)) {
                probabilities = softmax(n == 0 ? values : predict(x, Booster.PredictionType.kMargin));
            }
        } else if (objective.startsWith("multi:")) {
            probabilities = flatten(values);
            labels = argmax(values);
        } else {
            // binary:logistic gives P(class 1); binary:logitraw a margin; binary:hinge the class itself.
            labels = new float[n];
            probabilities = new float[n * 2];
            for (int i = 0; i < n; i++) {
                float v = values[i][0];
                float p1 = switch (objective) {
                    case "binary:logitraw" -> (float) (1.0 / (1.0 + Math.exp(-v)));
                    default -> v;
                };
                labels[i] = objective.equals("binary:logitraw") ? (v > 0 ? 1f : 0f) : (p1 > 0.5f ? 1f : 0f);
                probabilities[i * 2] = 1f - p1;
                probabilities[i * 2 + 1] = p1;
            }
        }
        List<Tensor> out = new ArrayList<>(wanted.size());
        for (String name : wanted) {
            if (name.equals(PROBABILITIES)) {
                out.add(Tensor.ofFloats(PROBABILITIES, new long[] {n, classes}, probabilities));
            } else {
                long[] shape = info.numTarget() > 1 && !info.classifier() ? new long[] {n, info.numTarget()}
                        : new long[] {n};
                out.add(Tensor.ofFloats(PREDICT, shape, labels));
            }
        }
        return out;
    }

    float[][] predict(FeatureMatrix x, Booster.PredictionType type) throws XGBoostError {
        // Missing values are NaN, as in xgbserver's DMatrix.
        return booster.inplace_predict(x.values(), x.rows(), x.features(), Float.NaN, ALL_TREES, type, null);
    }

    private static float[] flatten(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * cols, cols);
        }
        return flat;
    }

    /** The first index of each row's largest value, as numpy's argmax (and XGBClassifier.predict) picks it. */
    private static float[] argmax(float[][] rows) {
        float[] labels = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int best = 0;
            for (int k = 1; k < rows[i].length; k++) {
                if (rows[i][k] > rows[i][best]) {
                    best = k;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    /** multi:softprob's transformation of multi:softmax's margins. */
    private static float[] softmax(float[][] margins) {
        int cols = margins.length == 0 ? 0 : margins[0].length;
        float[] out = new float[margins.length * cols];
        for (int i = 0; i < margins.length; i++) {
            float max = Float.NEGATIVE_INFINITY;
            for (float m : margins[i]) {
                max = Math.max(max, m);
            }
            double sum = 0;
            for (int k = 0; k < cols; k++) {
                sum += Math.exp(margins[i][k] - max);
            }
            for (int k = 0; k < cols; k++) {
                out[i * cols + k] = (float) (Math.exp(margins[i][k] - max) / sum);
            }
        }
        return out;
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
