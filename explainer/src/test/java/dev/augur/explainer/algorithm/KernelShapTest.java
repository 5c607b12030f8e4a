package dev.augur.explainer.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.augur.protocol.explain.Explanation;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KernelShapTest {
    private static final double[] W = {0.5, -1.2, 2.0, 0.3};

    private static double[] closedForm(double[] w, double[] x, double[][] bg) {
        double[] mean = Models.mean(bg);
        double[] phi = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            phi[i] = w[i] * (x[i] - mean[i]);
        }
        return phi;
    }

    @Test
    void linearModelGetsTheClosedFormWithFullEnumeration() {
        double[][] bg = Models.gaussianRows(50, 4, 1);
        double[] x = {1.5, -0.5, 3.0, 2.0};
        Explanation.Shap s = new KernelShap(2048).explain(
                new Problem(Models.linear(W, 0.1), bg, Models.names(4), 0, null), x);
        assertArrayEquals(closedForm(W, x, bg), s.shapValues(), 1e-9);
    }

    @Test
    void fourFeaturesEnumerateFourteenCoalitionsInOneCall() {
        Models.Counting model = new Models.Counting(Models.linear(W, 0));
        double[][] bg = Models.gaussianRows(20, 4, 2);
        Explanation.Shap s = new KernelShap(2048).explain(new Problem(model, bg, Models.names(4), 0, null),
                new double[] {1, 1, 1, 1});
        assertEquals(14, s.coalitions());
        assertEquals(1, model.calls.get());
        assertEquals(1 + 20 + 14 * 20, model.rows);
    }

    @Test
    void sampledCoalitionsStillRecoverALinearModel() {
        double[] w = {1, -2, 0.5, 3, -1, 0.25, 2, -0.75, 1.5, -3, 0.1, 0.6};
        double[][] bg = Models.gaussianRows(10, 12, 3);
        double[] x = Arrays.copyOf(Models.gaussianRows(1, 12, 4)[0], 12);
        Explanation.Shap s = new KernelShap(300).explain(
                new Problem(Models.linear(w, 0), bg, Models.names(12), 7, null), x);
        assertEquals(300, s.coalitions());
        assertArrayEquals(closedForm(w, x, bg), s.shapValues(), 1e-6);
    }

    @Test
    void attributionsAddUpToThePredictionMinusTheExpectation() {
        double[][] bg = Models.gaussianRows(40, 4, 5);
        Explanation.Shap s = new KernelShap(2048).explain(new Problem(Models.softmax(), bg, Models.names(4), 0,
                null), new double[] {2, 0, -1, 3});
        double sum = Arrays.stream(s.shapValues()).sum();
        assertEquals(s.prediction().value() - s.expectedValue(), sum, 1e-9);
    }

    @Test
    void featureEqualToTheWholeBackgroundGetsZero() {
        double[][] bg = Models.gaussianRows(30, 4, 6);
        for (double[] r : bg) {
            r[1] = 7;
        }
        Explanation.Shap s = new KernelShap(2048).explain(new Problem(Models.softmax(), bg, Models.names(4), 0,
                null), new double[] {1, 7, 2, 0.5});
        assertEquals(0.0, s.shapValues()[1]);
    }

    @Test
    void sameSeedGivesTheSameAttributions() {
        double[][] bg = Models.gaussianRows(10, 10, 8);
        double[] x = Models.gaussianRows(1, 10, 9)[0];
        Problem p = new Problem(rows -> {
            double[][] out = new double[rows.length][1];
            for (int r = 0; r < rows.length; r++) {
                out[r][0] = Math.tanh(rows[r][0] * rows[r][3]) + rows[r][5] * rows[r][5];
            }
            return out;
        }, bg, Models.names(10), 42, null);
        assertArrayEquals(new KernelShap(100).explain(p, x).shapValues(),
                new KernelShap(100).explain(p, x).shapValues());
    }

    @Test
    void shapleyKernelWeightsFollowTheFormula() {
        KernelShap.Coalitions c = KernelShap.coalitions(4, 2048, new java.util.SplittableRandom(0));
        for (int i = 0; i < c.masks().size(); i++) {
            int s = 0;
            for (boolean b : c.masks().get(i)) {
                s += b ? 1 : 0;
            }
            double kernel = 3.0 / (KernelShap.binom(4, s) * s * (4 - s));
            // normalised so that the weights sum to 1 over the 14 coalitions (sum of kernels = 1 + 1 + 0.75 / 2 ...)
            assertEquals(kernel / 2.75 * 1.0, c.weights().get(i), 1e-12, "coalition " + i);
        }
    }
}
