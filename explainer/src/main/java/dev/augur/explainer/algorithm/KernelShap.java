package dev.augur.explainer.algorithm;

import dev.augur.protocol.explain.Explanation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * KernelSHAP (Lundberg and Lee 2017) as the {@code shap} package's {@code KernelExplainer} computes it: coalitions
 * z of the varying features with the Shapley kernel weights, every coalition evaluated over the whole background
 * (features outside z take the background's values), and a weighted least-squares fit of
 * {@code E[f(z)] - E[f(X)]} on z under the constraint {@code sum(phi) = f(x) - E[f(X)]}, enforced by eliminating
 * the last feature. When {@code 2^M - 2 <= samples} every coalition is enumerated and the result is exact (for a
 * linear model: {@code phi_i = w_i (x_i - E[x_i])}); otherwise whole subset sizes are enumerated while the budget
 * allows and the rest is sampled by size with the kernel's weights, in complementary pairs, as shap does.
 * Features equal to x in every background row get {@code phi = 0}. No L1 feature selection.
 *
 * <p>All rows (the instance, the background and every coalition times the background) go to the model in one
 * {@link BatchModel#predict} call.
 *
 * @param samples the coalition budget (shap's {@code nsamples})
 */
public record KernelShap(int samples) {

    record Coalitions(List<boolean[]> masks, List<Double> weights) {
    }

    public Explanation.Shap explain(Problem problem, double[] x) {
        double[][] bg = problem.background();
        int n = bg.length;
        int m = problem.features();
        int[] varying = varying(bg, x);
        int mv = varying.length;
        Coalitions c = mv < 2 ? new Coalitions(List.of(), List.of())
                : coalitions(mv, samples, new SplittableRandom(problem.seed()));
        int k = c.masks().size();
        double[][] rows = new double[1 + n + k * n][];
        rows[0] = x.clone();
        System.arraycopy(bg, 0, rows, 1, n);
        int r = 1 + n;
        for (boolean[] mask : c.masks()) {
            for (double[] b : bg) {
                double[] row = b.clone();
                for (int j = 0; j < mv; j++) {
                    if (mask[j]) {
                        row[varying[j]] = x[varying[j]];
                    }
                }
                rows[r++] = row;
            }
        }
        double[][] out = problem.model().predict(rows);
        int col = problem.column(out[0]);
        double fx = out[0][col];
        double ef = 0;
        for (int i = 1; i <= n; i++) {
            ef += out[i][col];
        }
        ef /= n;
        double[] phi = new double[m];
        if (mv == 1) {
            phi[varying[0]] = fx - ef;
        } else if (mv > 1) {
            double[] ez = new double[k];
            for (int s = 0; s < k; s++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += out[1 + n + s * n + i][col];
                }
                ez[s] = sum / n;
            }
            double[] solved = solve(c, ez, fx, ef, mv);
            for (int j = 0; j < mv; j++) {
                phi[varying[j]] = solved[j];
            }
        }
        return new Explanation.Shap(x.clone(), problem.prediction(out[0]), ef, phi, k);
    }

    /** shap's constrained WLS: eliminate the last feature so the attributions sum to {@code fx - ef}. */
    static double[] solve(Coalitions c, double[] ez, double fx, double ef, int m) {
        int k = ez.length;
        double[][] design = new double[k][m - 1];
        double[] y = new double[k];
        double[] w = new double[k];
        for (int s = 0; s < k; s++) {
            boolean[] z = c.masks().get(s);
            double last = z[m - 1] ? 1 : 0;
            for (int j = 0; j < m - 1; j++) {
                design[s][j] = (z[j] ? 1 : 0) - last;
            }
            y[s] = ez[s] - ef - last * (fx - ef);
            w[s] = c.weights().get(s);
        }
        double[] beta = Linalg.weightedRidge(design, y, w, 0);
        double[] phi = Arrays.copyOf(beta, m);
        double sum = 0;
        for (double b : beta) {
            sum += b;
        }
        phi[m - 1] = fx - ef - sum;
        return phi;
    }

    static int[] varying(double[][] bg, double[] x) {
        List<Integer> v = new ArrayList<>();
        for (int f = 0; f < x.length; f++) {
            for (double[] b : bg) {
                if (b[f] != x[f]) {
                    v.add(f);
                    break;
                }
            }
        }
        return v.stream().mapToInt(Integer::intValue).toArray();
    }

    static double binom(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    /** The coalitions and their kernel weights, following shap's KernelExplainer.explain. */
    static Coalitions coalitions(int m, int budget, SplittableRandom rng) {
        List<boolean[]> masks = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        int sizes = (int) Math.ceil((m - 1) / 2.0);
        int paired = (int) Math.floor((m - 1) / 2.0);
        double[] wv = new double[sizes];
        double total = 0;
        for (int s = 1; s <= sizes; s++) {
            wv[s - 1] = (m - 1.0) / (s * (m - s)) * (s <= paired ? 2 : 1);
            total += wv[s - 1];
        }
        for (int i = 0; i < sizes; i++) {
            wv[i] /= total;
        }
        double[] remaining = wv.clone();
        int full = 0;
        double left = budget;
        for (int s = 1; s <= sizes; s++) {
            double nsub = binom(m, s) * (s <= paired ? 2 : 1);
            if (left * remaining[s - 1] / nsub < 1.0 - 1e-8) {
                break;
            }
            full++;
            left -= nsub;
            if (remaining[s - 1] < 1.0) {
                double d = 1 - remaining[s - 1];
                for (int i = 0; i < sizes; i++) {
                    remaining[i] /= d;
                }
            }
            double w = wv[s - 1] / binom(m, s) / (s <= paired ? 2 : 1);
            for (int[] comb : combinations(m, s)) {
                boolean[] mask = new boolean[m];
                for (int i : comb) {
                    mask[i] = true;
                }
                masks.add(mask);
                weights.add(w);
                if (s <= paired) {
                    masks.add(complement(mask));
                    weights.add(w);
                }
            }
        }
        int fixed = masks.size();
        int samplesLeft = budget - fixed;
        if (full != sizes && samplesLeft > 0) {
            double[] rw = new double[sizes - full];
            double rt = 0;
            for (int i = full; i < sizes; i++) {
                rw[i - full] = wv[i] / (i < paired ? 2 : 1);
                rt += rw[i - full];
            }
            Map<String, Integer> used = new HashMap<>();
            int draws = 4 * samplesLeft;
            for (int d = 0; d < draws && samplesLeft > 0; d++) {
                int size = pick(rw, rt, rng) + full + 1;
                boolean[] mask = randomSubset(m, size, rng);
                String key = Arrays.toString(mask);
                Integer at = used.get(key);
                boolean fresh = at == null;
                if (fresh) {
                    used.put(key, masks.size());
                    masks.add(mask);
                    weights.add(1.0);
                    samplesLeft--;
                } else {
                    weights.set(at, weights.get(at) + 1);
                }
                if (samplesLeft > 0 && size <= paired) {
                    if (fresh) {
                        masks.add(complement(mask));
                        weights.add(1.0);
                        samplesLeft--;
                    } else {
                        weights.set(at + 1, weights.get(at + 1) + 1);
                    }
                }
            }
            double weightLeft = 0;
            for (int i = full; i < sizes; i++) {
                weightLeft += wv[i];
            }
            double sampled = 0;
            for (int i = fixed; i < weights.size(); i++) {
                sampled += weights.get(i);
            }
            for (int i = fixed; i < weights.size(); i++) {
                weights.set(i, weights.get(i) * weightLeft / sampled);
            }
        }
        return new Coalitions(masks, weights);
    }

    private static int pick(double[] w, double total, SplittableRandom rng) {
        double u = rng.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u < 0) {
                return i;
            }
        }
        return w.length - 1;
    }

    private static boolean[] randomSubset(int m, int size, SplittableRandom rng) {
        int[] perm = new int[m];
        for (int i = 0; i < m; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(m - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        boolean[] mask = new boolean[m];
        for (int i = 0; i < size; i++) {
            mask[perm[i]] = true;
        }
        return mask;
    }

    private static boolean[] complement(boolean[] mask) {
        boolean[] c = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            c[i] = !mask[i];
        }
        return c;
    }

    static List<int[]> combinations(int m, int s) {
        List<int[]> out = new ArrayList<>();
        int[] c = new int[s];
        for (int i = 0; i < s; i++) {
            c[i] = i;
        }
        while (true) {
            out.add(c.clone());
            int i = s - 1;
            while (i >= 0 && c[i] == m - s + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            c[i]++;
            for (int j = i + 1; j < s; j++) {
                c[j] = c[j - 1] + 1;
            }
        }
    }
}
