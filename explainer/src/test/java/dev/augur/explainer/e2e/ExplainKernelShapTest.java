package dev.augur.explainer.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** KernelSHAP through the explainer against the real iris models served by a real predictor. */
@QuarkusTest
@QuarkusTestResource(PredictorProcess.class)
class ExplainKernelShapTest {

    @Test
    void linearModelAttributionsAreTheClosedForm() {
        double[] x = {6.1, 2.8, 4.7};
        double[][] bg = Iris.rows("iris-linear");
        // w_i from the served model itself, by finite differences: f(x + e_i) - f(x).
        double[][] probe = new double[4][];
        probe[0] = x;
        for (int i = 0; i < 3; i++) {
            probe[i + 1] = x.clone();
            probe[i + 1][i] += 1;
        }
        double[][] f = Iris.predict("iris-linear", "variable", probe);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double w = f[i + 1][0] - f[0][0];
            final int col = i;
            double mean = Arrays.stream(bg).mapToDouble(r -> r[col]).average().orElseThrow();
            expected[i] = w * (x[i] - mean);
        }
        JsonNode e = Iris.explain("iris-linear", x, "\"method\": \"kernel-shap\"");
        assertArrayEquals(expected, Iris.doubles(e.at("/data/0/shap_values")), 1e-3);
    }

    private static void assertAdditive(String model, double[] x) {
        JsonNode e = Iris.explain(model, x, "\"method\": \"kernel-shap\"");
        double[][] fx = Iris.predict(model, "probabilities", new double[][] {x});
        int cls = e.at("/data/0/prediction/class").asInt();
        double[][] fb = Iris.predict(model, "probabilities", Iris.rows("iris-logreg"));
        double ef = Arrays.stream(fb).mapToDouble(r -> r[cls]).average().orElseThrow();
        double sum = Arrays.stream(Iris.doubles(e.at("/data/0/shap_values"))).sum();
        assertEquals(fx[0][cls] - ef, sum, 1e-5);
    }

    @Test
    void attributionsAddUpOnIrisLogreg() {
        assertAdditive("iris-logreg", Iris.VERSICOLOR);
    }

    @Test
    void attributionsAddUpOnIrisForest() {
        assertAdditive("iris-forest", Iris.VIRGINICA);
    }

    @Test
    void allSamplesGoInOneModelCall() {
        JsonNode e = Iris.explain("iris-logreg", Iris.SETOSA, "");
        assertEquals("kernel-shap", e.get("method").asText());
        assertEquals(1, e.get("model_calls").asInt());
        assertEquals(1 + 150 + 14 * 150, e.get("samples").asInt());
        assertEquals(14, e.at("/data/0/coalitions").asInt());
    }

    @Test
    void explainedPredictionIsTheModelsProbabilityOfItsClass() {
        JsonNode e = Iris.explain("iris-logreg", Iris.SETOSA, "");
        double[] p = Iris.predict("iris-logreg", "probabilities", new double[][] {Iris.SETOSA})[0];
        assertEquals(0, e.at("/data/0/prediction/class").asInt());
        assertEquals(p[0], e.at("/data/0/prediction/value").asDouble(), 1e-7);
        assertEquals("probabilities", e.get("output").asText());
    }
}
