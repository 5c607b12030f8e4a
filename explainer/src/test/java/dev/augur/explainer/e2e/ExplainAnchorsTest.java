package dev.augur.explainer.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Anchors through the explainer against the real iris models. */
@QuarkusTest
@QuarkusTestResource(PredictorProcess.class)
class ExplainAnchorsTest {
    private static final double THRESHOLD = 0.95;

    private static boolean satisfies(double[] row, JsonNode conditions) {
        for (JsonNode c : conditions) {
            double v = row[c.get("feature").asInt()];
            if ((c.has("lower") && !(v > c.get("lower").asDouble()))
                    || (c.has("upper") && !(v <= c.get("upper").asDouble()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The anchor's precision measured here, independently: fresh perturbations (background rows whose anchored
     * features come from a background row satisfying the anchor, with a seed the explainer never used), labelled
     * by the predictor directly.
     */
    private static double freshPrecision(String model, JsonNode e) {
        double[][] bg = Iris.rows("iris-logreg");
        JsonNode conditions = e.at("/data/0/conditions");
        List<double[]> matching = new ArrayList<>();
        for (double[] r : bg) {
            if (satisfies(r, conditions)) {
                matching.add(r);
            }
        }
        SplittableRandom rng = new SplittableRandom(20261128);
        double[][] rows = new double[2000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = bg[rng.nextInt(bg.length)].clone();
            double[] src = matching.get(rng.nextInt(matching.size()));
            for (JsonNode c : conditions) {
                rows[i][c.get("feature").asInt()] = src[c.get("feature").asInt()];
            }
        }
        int cls = e.at("/data/0/prediction/class").asInt();
        int hits = 0;
        for (double[] p : Iris.predict(model, "probabilities", rows)) {
            int arg = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            hits += arg == cls ? 1 : 0;
        }
        return hits / (double) rows.length;
    }

    @Test
    void clearSetosaIsAnchoredByAPetalRule() {
        JsonNode e = Iris.explain("iris-logreg", Iris.SETOSA, "\"method\": \"anchors\"");
        JsonNode anchor = e.at("/data/0/anchor");
        assertFalse(anchor.isEmpty(), e.toString());
        anchor.forEach(a -> assertTrue(a.asText().contains("petal"), e.toString()));
    }

    @Test
    void setosaAnchorPrecisionHoldsOnFreshPerturbations() {
        JsonNode e = Iris.explain("iris-logreg", Iris.SETOSA, "\"method\": \"anchors\"");
        assertTrue(freshPrecision("iris-logreg", e) >= THRESHOLD, e.toString());
    }

    @Test
    void virginicaAnchorPrecisionHoldsOnFreshPerturbations() {
        JsonNode e = Iris.explain("iris-forest", Iris.VIRGINICA, "\"method\": \"anchors\"");
        assertTrue(e.at("/data/0/valid").asBoolean(), e.toString());
        assertTrue(freshPrecision("iris-forest", e) >= THRESHOLD, e.toString());
    }

    @Test
    void samplesAreBatchedNotOneCallPerSample() {
        JsonNode e = Iris.explain("iris-logreg", Iris.VERSICOLOR, "\"method\": \"anchors\"");
        assertTrue(e.get("samples").asInt() / e.get("model_calls").asInt() >= 100, e.toString());
    }
}
