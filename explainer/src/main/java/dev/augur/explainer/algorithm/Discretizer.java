package dev.augur.explainer.algorithm;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Quartile bins per feature from the background rows (LIME's {@code QuartileDiscretizer}, Alibi's default
 * percentiles 25/50/75): bin 0 is {@code x <= q1}, bin k is {@code q_k < x <= q_k+1}, the last {@code x > q3}.
 * Equal quartiles collapse into one threshold.
 */
final class Discretizer {
    final double[][] thresholds;
    private final List<String> names;

    Discretizer(double[][] background, List<String> names) {
        this.names = names;
        int m = background[0].length;
        thresholds = new double[m][];
        for (int f = 0; f < m; f++) {
            double[] col = column(background, f);
            Arrays.sort(col);
            thresholds[f] = Arrays.stream(new double[] {percentile(col, 25), percentile(col, 50),
                    percentile(col, 75)}).distinct().toArray();
        }
    }

    static double[] column(double[][] rows, int f) {
        double[] c = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            c[r] = rows[r][f];
        }
        return c;
    }

    /** numpy's default (linear) percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    int bins(int f) {
        return thresholds[f].length + 1;
    }

    /** numpy {@code searchsorted(thresholds, v)}: the first threshold >= v. */
    int bin(int f, double v) {
        double[] t = thresholds[f];
        int b = 0;
        while (b < t.length && v > t[b]) {
            b++;
        }
        return b;
    }

    /** Lower bound (exclusive) of a bin, or null for the first. */
    Double lower(int f, int bin) {
        return bin == 0 ? null : thresholds[f][bin - 1];
    }

    /** Upper bound (inclusive) of a bin, or null for the last. */
    Double upper(int f, int bin) {
        return bin == thresholds[f].length ? null : thresholds[f][bin];
    }

    /** {@code name <= 1.60}, {@code 0.30 < name <= 1.30}, {@code name > 3.30}, or the name when unbounded. */
    String describe(int f, Double lower, Double upper) {
        String n = names.get(f);
        if (lower == null && upper == null) {
            return n;
        }
        if (lower == null) {
            return n + " <= " + fmt(upper);
        }
        if (upper == null) {
            return n + " > " + fmt(lower);
        }
        return fmt(lower) + " < " + n + " <= " + fmt(upper);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
