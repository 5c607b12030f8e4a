package dev.augur.explainer.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.explain.Explanation;
import org.junit.jupiter.api.Test;

class LimeTest {
    /** The stated fidelity bound for iris (discretised, default kernel width, 5000 samples). */
    static final double IRIS_R2_BOUND = 0.7;

    private static Problem iris(BatchModel model) {
        return new Problem(model, Models.iris(), Models.IRIS_NAMES, 0, null);
    }

    @Test
    void continuousSurrogateOfALinearModelIsExact() {
        double[] w = {0.5, -1.2, 2.0};
        double[][] bg = Models.gaussianRows(200, 3, 1);
        Explanation.Lime l = new Lime(5000, Double.NaN, false, 1e-9).explain(
                new Problem(Models.linear(w, 0.3), bg, Models.names(3), 0, null), new double[] {1, 2, 3});
        assertTrue(l.score() > 0.999999, "R^2 " + l.score());
        assertEquals(l.prediction().value(), l.localPrediction(), 1e-6);
    }

    @Test
    void continuousCoefficientsAreWeightsTimesTheFeatureScale() {
        double[] w = {0.5, -1.2};
        double[][] bg = Models.gaussianRows(500, 2, 2);
        Explanation.Lime l = new Lime(2000, Double.NaN, false, 1e-9).explain(
                new Problem(Models.linear(w, 0), bg, Models.names(2), 0, null), new double[] {0, 1});
        double[] std = new double[2];
        double[] mean = Models.mean(bg);
        for (double[] r : bg) {
            for (int i = 0; i < 2; i++) {
                std[i] += (r[i] - mean[i]) * (r[i] - mean[i]) / bg.length;
            }
        }
        assertArrayEquals(new double[] {w[0] * Math.sqrt(std[0]), w[1] * Math.sqrt(std[1])}, l.coefficients(), 1e-6);
    }

    @Test
    void discretisedSurrogateOnIrisRulesIsFaithful() {
        Explanation.Lime l = new Lime(5000, Double.NaN, true, 1).explain(iris(Models.irisRules()),
                new double[] {5.0, 3.6, 1.4, 0.2});
        assertTrue(l.score() > IRIS_R2_BOUND, "R^2 " + l.score());
    }

    @Test
    void discretisedConditionsNameTheInstanceBins() {
        Explanation.Lime l = new Lime(500, Double.NaN, true, 1).explain(iris(Models.irisRules()),
                new double[] {5.0, 3.6, 1.4, 0.2});
        assertEquals("petal length (cm) <= 1.60", l.conditions().get(2));
        assertEquals("sepal width (cm) > 3.30", l.conditions().get(1));
    }

    @Test
    void petalLengthCarriesTheSetosaDecision() {
        Explanation.Lime l = new Lime(5000, Double.NaN, true, 1).explain(iris(Models.irisRules()),
                new double[] {5.0, 3.6, 1.4, 0.2});
        double[] c = l.coefficients();
        assertTrue(c[2] > Math.abs(c[0]) && c[2] > Math.abs(c[1]), java.util.Arrays.toString(c));
    }

    @Test
    void allSamplesGoInOneCall() {
        Models.Counting model = new Models.Counting(Models.irisRules());
        new Lime(5000, Double.NaN, true, 1).explain(iris(model), new double[] {6.0, 3.4, 4.5, 1.6});
        assertEquals(1, model.calls.get());
        assertEquals(5000, model.rows);
    }

    @Test
    void defaultKernelWidthIsThreeQuartersOfRootFeatures() {
        assertEquals(1.5, new Lime(10, Double.NaN, true, 1).width(4), 1e-12);
    }

    @Test
    void sameSeedGivesTheSameSurrogate() {
        Lime lime = new Lime(1000, Double.NaN, true, 1);
        double[] x = {6.0, 3.4, 4.5, 1.6};
        assertArrayEquals(lime.explain(iris(Models.softmax()), x).coefficients(),
                lime.explain(iris(Models.softmax()), x).coefficients());
    }
}
