package dev.augur.explainer.algorithm;

import dev.augur.protocol.explain.Explanation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * LIME for tabular data (Ribeiro et al. 2016) as {@code lime.lime_tabular.LimeTabularExplainer} does it.
 *
 * <p>Discretised (default): each feature is binned by the background's quartiles; a sample draws each feature's bin
 * with the background's bin frequencies and a value inside the bin from a normal with the bin's mean and standard
 * deviation, truncated to the bin. Its interpretable representation is {@code z_i = 1} when feature i falls in the
 * instance's bin. Continuous: samples are {@code x + N(0, std)} per feature (LIME's {@code sample_around_instance}),
 * represented standardised by the background's mean and standard deviation.
 *
 * <p>The first sample is the instance itself. Weights are LIME's kernel {@code sqrt(exp(-d^2 / width^2))} of the
 * Euclidean distance in the representation; the surrogate is a weighted ridge regression (LIME's default
 * {@code Ridge(alpha=1)}) on all features, and {@code score} is its weighted R^2 on the samples. All samples go to
 * the model in one {@link BatchModel#predict} call.
 *
 * @param kernelWidth NaN for LIME's default {@code 0.75 * sqrt(features)}
 */
public record Lime(int samples, double kernelWidth, boolean discretize, double alpha) {

    public double width(int features) {
        return Double.isNaN(kernelWidth) ? 0.75 * Math.sqrt(features) : kernelWidth;
    }

    public Explanation.Lime explain(Problem problem, double[] x) {
        double[][] bg = problem.background();
        int m = problem.features();
        SplittableRandom rng = new SplittableRandom(problem.seed());
        double[] mean = new double[m];
        double[] std = new double[m];
        for (int f = 0; f < m; f++) {
            double[] c = Discretizer.column(bg, f);
            double s = 0;
            for (double v : c) {
                s += v;
            }
            mean[f] = s / c.length;
            double q = 0;
            for (double v : c) {
                q += (v - mean[f]) * (v - mean[f]);
            }
            std[f] = Math.sqrt(q / c.length);
        }
        double[][] rows = new double[samples][];
        double[][] z = new double[samples][m];
        List<String> conditions = new ArrayList<>(m);
        rows[0] = x.clone();
        if (discretize) {
            Discretizer d = new Discretizer(bg, problem.featureNames());
            Bins bins = new Bins(d, bg);
            int[] xb = new int[m];
            for (int f = 0; f < m; f++) {
                xb[f] = d.bin(f, x[f]);
                conditions.add(d.describe(f, d.lower(f, xb[f]), d.upper(f, xb[f])));
                z[0][f] = 1;
            }
            for (int s = 1; s < samples; s++) {
                double[] row = new double[m];
                for (int f = 0; f < m; f++) {
                    int b = bins.drawBin(f, rng);
                    row[f] = bins.drawValue(f, b, rng);
                    z[s][f] = b == xb[f] ? 1 : 0;
                }
                rows[s] = row;
            }
        } else {
            for (int f = 0; f < m; f++) {
                conditions.add(problem.featureNames().get(f));
                z[0][f] = std[f] == 0 ? 0 : (x[f] - mean[f]) / std[f];
            }
            for (int s = 1; s < samples; s++) {
                double[] row = new double[m];
                for (int f = 0; f < m; f++) {
                    row[f] = x[f] + gaussian(rng) * std[f];
                    z[s][f] = std[f] == 0 ? 0 : (row[f] - mean[f]) / std[f];
                }
                rows[s] = row;
            }
        }
        double[][] out = problem.model().predict(rows);
        int col = problem.column(out[0]);
        double width = width(m);
        double[] y = new double[samples];
        double[] w = new double[samples];
        for (int s = 0; s < samples; s++) {
            y[s] = out[s][col];
            double d2 = 0;
            for (int f = 0; f < m; f++) {
                double diff = z[s][f] - z[0][f];
                d2 += diff * diff;
            }
            w[s] = Math.sqrt(Math.exp(-d2 / (width * width)));
        }
        Fit fit = fit(z, y, w, alpha);
        double local = fit.intercept;
        for (int f = 0; f < m; f++) {
            local += fit.coef[f] * z[0][f];
        }
        return new Explanation.Lime(x.clone(), problem.prediction(out[0]), fit.intercept, fit.coef, conditions,
                fit.r2, local);
    }

    record Fit(double intercept, double[] coef, double r2) {
    }

    /** Weighted ridge with an unpenalised intercept (centre by the weighted means, as scikit-learn does). */
    static Fit fit(double[][] z, double[] y, double[] w, double alpha) {
        int n = y.length;
        int m = z[0].length;
        double sw = 0;
        double ym = 0;
        double[] zm = new double[m];
        for (int s = 0; s < n; s++) {
            sw += w[s];
            ym += w[s] * y[s];
            for (int f = 0; f < m; f++) {
                zm[f] += w[s] * z[s][f];
            }
        }
        ym /= sw;
        for (int f = 0; f < m; f++) {
            zm[f] /= sw;
        }
        double[][] zc = new double[n][m];
        double[] yc = new double[n];
        for (int s = 0; s < n; s++) {
            yc[s] = y[s] - ym;
            for (int f = 0; f < m; f++) {
                zc[s][f] = z[s][f] - zm[f];
            }
        }
        double[] coef = Linalg.weightedRidge(zc, yc, w, alpha);
        double intercept = ym;
        for (int f = 0; f < m; f++) {
            intercept -= coef[f] * zm[f];
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int s = 0; s < n; s++) {
            double pred = intercept;
            for (int f = 0; f < m; f++) {
                pred += coef[f] * z[s][f];
            }
            ssRes += w[s] * (y[s] - pred) * (y[s] - pred);
            ssTot += w[s] * yc[s] * yc[s];
        }
        double r2 = ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
        return new Fit(intercept, coef, r2);
    }

    static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Per feature and bin: frequency, mean, standard deviation and bounds of the background's values. */
    private static final class Bins {
        final double[][] freq;
        final double[][] mean;
        final double[][] std;
        final double[][] lo;
        final double[][] hi;

        Bins(Discretizer d, double[][] bg) {
            int m = bg[0].length;
            freq = new double[m][];
            mean = new double[m][];
            std = new double[m][];
            lo = new double[m][];
            hi = new double[m][];
            for (int f = 0; f < m; f++) {
                int nb = d.bins(f);
                freq[f] = new double[nb];
                mean[f] = new double[nb];
                std[f] = new double[nb];
                lo[f] = new double[nb];
                hi[f] = new double[nb];
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                double[] sq = new double[nb];
                for (double[] r : bg) {
                    int b = d.bin(f, r[f]);
                    freq[f][b]++;
                    mean[f][b] += r[f];
                    sq[b] += r[f] * r[f];
                    min = Math.min(min, r[f]);
                    max = Math.max(max, r[f]);
                }
                for (int b = 0; b < nb; b++) {
                    if (freq[f][b] > 0) {
                        mean[f][b] /= freq[f][b];
                        std[f][b] = Math.sqrt(Math.max(0, sq[b] / freq[f][b] - mean[f][b] * mean[f][b]));
                    }
                    lo[f][b] = b == 0 ? min : d.thresholds[f][b - 1];
                    hi[f][b] = b == nb - 1 ? max : d.thresholds[f][b];
                    freq[f][b] /= bg.length;
                }
            }
        }

        int drawBin(int f, SplittableRandom rng) {
            double u = rng.nextDouble();
            for (int b = 0; b < freq[f].length; b++) {
                u -= freq[f][b];
                if (u < 0) {
                    return b;
                }
            }
            return freq[f].length - 1;
        }

        /** A normal draw with the bin's mean and deviation, truncated to the bin (LIME's truncnorm). */
        double drawValue(int f, int b, SplittableRandom rng) {
            double s = std[f][b];
            if (s == 0) {
                return mean[f][b];
            }
            for (int attempt = 0; attempt < 64; attempt++) {
                double v = mean[f][b] + s * gaussian(rng);
                if (v >= lo[f][b] && v <= hi[f][b]) {
                    return v;
                }
            }
            return Math.min(hi[f][b], Math.max(lo[f][b], mean[f][b]));
        }
    }
}
