package dev.augur.explainer.algorithm;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.explain.Explanation;
import java.util.List;

/**
 * What every method needs: the model, the background (training-like) rows, feature names, the seed, and which
 * output column to explain ({@code target} null: the predicted class of a classifier, column 0 of a regression).
 */
public record Problem(BatchModel model, double[][] background, List<String> featureNames, long seed,
        Integer target) {

    public int features() {
        return background[0].length;
    }

    /** The column explained for an instance whose model outputs are {@code outputs}. */
    public int column(double[] outputs) {
        if (target != null) {
            if (target < 0 || target >= outputs.length) {
                throw InferenceException.invalid("target " + target + " is not an output column (the output has "
                        + outputs.length + ")");
            }
            return target;
        }
        return outputs.length == 1 ? 0 : argmax(outputs);
    }

    public Explanation.Prediction prediction(double[] outputs) {
        int k = column(outputs);
        return new Explanation.Prediction(outputs[k], outputs.length == 1 ? null : k, outputs.clone());
    }

    static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
