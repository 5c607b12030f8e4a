package dev.augur.explainer.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.explain.Explanation;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnchorsTest {
    private static final double[] SETOSA = {5.0, 3.6, 1.4, 0.2};
    private static final double[] VERSICOLOR = {6.0, 2.9, 4.5, 1.5};
    private static final double[] VIRGINICA = {7.7, 3.0, 6.1, 2.3};

    static Anchors defaults() {
        return new Anchors(0.95, 0.1, 0.15, 0.05, 1, 100, 0, 100_000);
    }

    private static Problem iris(BatchModel model, long seed) {
        return new Problem(model, Models.iris(), Models.IRIS_NAMES, seed, null);
    }

    /** Precision measured on fresh perturbations: background rows with the anchored features of matching rows. */
    static double freshPrecision(BatchModel model, double[][] bg, Explanation.Anchor a, int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> matching = bg.length == 0 ? List.of() : java.util.Arrays.stream(bg)
                .filter(r -> a.conditions().stream().allMatch(c -> (c.lower() == null || r[c.feature()] > c.lower())
                        && (c.upper() == null || r[c.feature()] <= c.upper()))).toList();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = bg[rng.nextInt(bg.length)].clone();
            double[] src = matching.get(rng.nextInt(matching.size()));
            for (Explanation.Condition c : a.conditions()) {
                row[c.feature()] = src[c.feature()];
            }
            rows[i] = row;
        }
        double[][] out = model.predict(rows);
        double label = Anchors.labelOf(model.predict(new double[][] {a.instance()})[0]);
        int hits = 0;
        for (double[] o : out) {
            hits += Anchors.labelOf(o) == label ? 1 : 0;
        }
        return (double) hits / n;
    }

    @Test
    void setosaAnchorIsAPetalRule() {
        Explanation.Anchor a = defaults().explain(iris(Models.irisRules(), 0), SETOSA);
        assertTrue(a.valid());
        assertFalse(a.anchor().isEmpty());
        assertTrue(a.anchor().stream().allMatch(s -> s.contains("petal")), a.anchor().toString());
    }

    @Test
    void anchorPrecisionHoldsOnFreshPerturbations() {
        Explanation.Anchor a = defaults().explain(iris(Models.irisRules(), 0), VIRGINICA);
        assertTrue(a.valid(), a.toString());
        assertTrue(freshPrecision(Models.irisRules(), Models.iris(), a, 5000, 99) >= 0.95, a.anchor().toString());
    }

    @Test
    void unreachableThresholdIsReportedAsInvalidWithTheBestCandidate() {
        // At quartile granularity no rule isolates this versicolor from the virginica with petal width 1.8.
        Explanation.Anchor a = defaults().explain(iris(Models.irisRules(), 0), VERSICOLOR);
        assertFalse(a.valid());
        assertTrue(a.precision() < 0.95 && !a.anchor().isEmpty(), a.toString());
    }

    @Test
    void coverageIsTheShareOfBackgroundRowsSatisfyingTheAnchor() {
        Explanation.Anchor a = defaults().explain(iris(Models.irisRules(), 0), SETOSA);
        double[][] bg = Models.iris();
        long n = java.util.Arrays.stream(bg).filter(r -> a.conditions().stream().allMatch(c ->
                (c.lower() == null || r[c.feature()] > c.lower()) && (c.upper() == null || r[c.feature()] <= c.upper())))
                .count();
        assertEquals((double) n / bg.length, a.coverage(), 1e-12);
    }

    @Test
    void constantModelGetsTheEmptyAnchor() {
        BatchModel constant = rows -> {
            double[][] out = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = new double[] {0.9, 0.1};
            }
            return out;
        };
        Explanation.Anchor a = defaults().explain(iris(constant, 0), SETOSA);
        assertTrue(a.anchor().isEmpty());
        assertEquals(1.0, a.precision());
    }

    @Test
    void samplesAreDrawnInBatchesNotOneCallPerSample() {
        Models.Counting model = new Models.Counting(Models.irisRules());
        defaults().explain(iris(model, 0), VERSICOLOR);
        assertTrue(model.rows / model.calls.get() >= 100, model.rows + " rows in " + model.calls + " calls");
    }

    @Test
    void sameSeedGivesTheSameAnchor() {
        Explanation.Anchor a = defaults().explain(iris(Models.softmax(), 3), VERSICOLOR);
        Explanation.Anchor b = defaults().explain(iris(Models.softmax(), 3), VERSICOLOR);
        assertEquals(a.anchor(), b.anchor());
        assertEquals(a.precision(), b.precision());
    }

    @Test
    void klBoundsBracketTheMean() {
        assertTrue(Anchors.dlow(0.9, 0.05) < 0.9 && Anchors.dup(0.9, 0.05) > 0.9);
        assertEquals(0.9, Anchors.dlow(0.9, 1e-12), 1e-4);
    }
}
