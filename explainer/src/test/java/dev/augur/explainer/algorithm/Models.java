package dev.augur.explainer.algorithm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Lambda models with known answers, and the iris rows the sample models were trained on. */
final class Models {
    static final List<String> IRIS_NAMES = List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)",
            "petal width (cm)");

    private Models() {
    }

    /** A model that counts its calls. */
    static final class Counting implements BatchModel {
        final BatchModel inner;
        final AtomicInteger calls = new AtomicInteger();
        long rows;

        Counting(BatchModel inner) {
            this.inner = inner;
        }

        @Override
        public double[][] predict(double[][] r) {
            calls.incrementAndGet();
            rows += r.length;
            return inner.predict(r);
        }
    }

    /** {@code w . x + b} as a one-column regression output. */
    static BatchModel linear(double[] w, double b) {
        return rows -> {
            double[][] out = new double[rows.length][1];
            for (int r = 0; r < rows.length; r++) {
                double s = b;
                for (int i = 0; i < w.length; i++) {
                    s += w[i] * rows[r][i];
                }
                out[r][0] = s;
            }
            return out;
        };
    }

    /** A softmax over two linear scores: a smooth non-linear classifier with probabilities. */
    static BatchModel softmax() {
        return rows -> {
            double[][] out = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                double[] x = rows[r];
                double a = 0.8 * x[0] - 1.1 * x[2] + 0.5 * x[1] * x[3];
                double c = -0.3 * x[1] + 0.9 * x[3] * x[3];
                double m = Math.max(Math.max(a, c), 0);
                double ea = Math.exp(a - m);
                double ec = Math.exp(c - m);
                double e0 = Math.exp(-m);
                double s = ea + ec + e0;
                out[r] = new double[] {ea / s, ec / s, e0 / s};
            }
            return out;
        };
    }

    /** The textbook iris tree: petal length < 2.45 is setosa, else petal width < 1.75 versicolor, else virginica. */
    static BatchModel irisRules() {
        return rows -> {
            double[][] out = new double[rows.length][3];
            for (int r = 0; r < rows.length; r++) {
                double[] x = rows[r];
                out[r][x[2] < 2.45 ? 0 : x[3] < 1.75 ? 1 : 2] = 1;
            }
            return out;
        };
    }

    static double[][] gaussianRows(int n, int m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] rows = new double[n][m];
        for (double[] row : rows) {
            for (int i = 0; i < m; i++) {
                row[i] = 2 * Lime.gaussian(rng) + i;
            }
        }
        return rows;
    }

    static double[][] iris() {
        try {
            String json = Files.readString(Path.of("..", "models", "iris-logreg", "reference.json"));
            return dev.augur.protocol.explain.ExplainJsonCodec.decodeRows(json.getBytes(), "iris");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] mean(double[][] rows) {
        double[] m = new double[rows[0].length];
        for (double[] r : rows) {
            for (int i = 0; i < m.length; i++) {
                m[i] += r[i] / rows.length;
            }
        }
        return m;
    }

    static List<String> names(int m) {
        return java.util.stream.IntStream.range(0, m).mapToObj(i -> "x" + i).toList();
    }
}
