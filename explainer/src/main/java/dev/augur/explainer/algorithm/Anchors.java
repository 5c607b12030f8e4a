package dev.augur.explainer.algorithm;

import dev.augur.protocol.explain.Explanation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Anchors for tabular data (Ribeiro, Singh and Guestrin 2018) following Alibi's {@code AnchorTabular}: predicates
 * on the background's quartile bins ({@code feature <= q} covering the instance's bin and those below,
 * {@code feature > q} covering it and those above), a beam search that grows anchors one predicate at a time, KL-LUCB
 * (Kaufmann and Kalyanakrishnan 2013) to pick the {@code beamSize} most precise candidates of each size, and a
 * confirmation that a candidate's precision lower bound clears {@code threshold - epsilonStop}; among valid anchors
 * the one with the largest coverage wins.
 *
 * <p>Samples for an anchor are background rows whose anchored features are replaced, jointly, by those of a
 * background row satisfying the anchor (the instance's values if none does). Precision is the share of samples the
 * model labels like the instance (argmax of a vector output; equality of a one-column output). Coverage is the share
 * of background rows satisfying the anchor. Every round of sampling (all new candidates, the two critical arms of a
 * KL-LUCB step, a confirmation batch) is one {@link BatchModel#predict} call. Differences from Alibi: each new
 * candidate starts with {@code batchSize} samples (Alibi starts from 1), and {@code maxSamples} bounds the rows one
 * explanation may use.
 */
public record Anchors(double threshold, double delta, double epsilon, double epsilonStop, int beamSize, int batchSize,
        int maxAnchorSize, long maxSamples) {

    /** A predicate: feature f restricted to bins [lo, hi]. */
    record Predicate(int feature, int lo, int hi) {
    }

    /** Mutable per-anchor statistics. */
    static final class Stats {
        long n;
        long positives;
        double coverage;
        int[] matching;

        double mean() {
            return n == 0 ? 0 : (double) positives / n;
        }
    }

    /** One explanation's state: the instance, its label, the predicates and the statistics of every anchor. */
    private final class Run {
        final Problem problem;
        final double[] x;
        final Discretizer d;
        final int[][] bgBins;
        final List<Predicate> predicates = new ArrayList<>();
        final Map<BitSet, Stats> stats = new HashMap<>();
        final Map<BitSet, List<Integer>> order = new HashMap<>();
        final SplittableRandom rng;
        double[] xOutputs;
        double label;
        long used;

        Run(Problem problem, double[] x) {
            this.problem = problem;
            this.x = x;
            this.d = new Discretizer(problem.background(), problem.featureNames());
            this.rng = new SplittableRandom(problem.seed());
            double[][] bg = problem.background();
            bgBins = new int[bg.length][x.length];
            for (int r = 0; r < bg.length; r++) {
                for (int f = 0; f < x.length; f++) {
                    bgBins[r][f] = d.bin(f, bg[r][f]);
                }
            }
            for (int f = 0; f < x.length; f++) {
                int b = d.bin(f, x[f]);
                int last = d.bins(f) - 1;
                if (b < last) {
                    predicates.add(new Predicate(f, 0, b));
                }
                if (b > 0) {
                    predicates.add(new Predicate(f, b, last));
                }
            }
        }

        /** Per-feature allowed bins of an anchor: {lo, hi} per feature, or null when unconstrained. */
        int[][] bounds(BitSet anchor) {
            int[][] b = new int[x.length][];
            for (int p = anchor.nextSetBit(0); p >= 0; p = anchor.nextSetBit(p + 1)) {
                Predicate q = predicates.get(p);
                int[] cur = b[q.feature()];
                b[q.feature()] = cur == null ? new int[] {q.lo(), q.hi()}
                        : new int[] {Math.max(cur[0], q.lo()), Math.min(cur[1], q.hi())};
            }
            return b;
        }

        Stats stats(BitSet anchor) {
            return stats.computeIfAbsent(anchor, a -> {
                Stats s = new Stats();
                int[][] b = bounds(a);
                List<Integer> match = new ArrayList<>();
                for (int r = 0; r < bgBins.length; r++) {
                    if (satisfies(bgBins[r], b)) {
                        match.add(r);
                    }
                }
                s.matching = match.stream().mapToInt(Integer::intValue).toArray();
                s.coverage = (double) s.matching.length / bgBins.length;
                return s;
            });
        }

        /** Draws {@code count} samples for each anchor in one model call and updates their statistics. */
        void draw(List<BitSet> anchors, int count, boolean withInstance) {
            double[][] bg = problem.background();
            int offset = withInstance ? 1 : 0;
            double[][] rows = new double[offset + anchors.size() * count][];
            if (withInstance) {
                rows[0] = x.clone();
            }
            int r = offset;
            for (BitSet a : anchors) {
                Stats s = stats(a);
                int[][] b = bounds(a);
                for (int i = 0; i < count; i++) {
                    double[] row = bg[rng.nextInt(bg.length)].clone();
                    double[] source = s.matching.length == 0 ? x : bg[s.matching[rng.nextInt(s.matching.length)]];
                    for (int f = 0; f < x.length; f++) {
                        if (b[f] != null) {
                            row[f] = source[f];
                        }
                    }
                    rows[r++] = row;
                }
            }
            double[][] out = problem.model().predict(rows);
            used += rows.length;
            if (withInstance) {
                xOutputs = out[0];
                label = labelOf(xOutputs);
            }
            r = offset;
            for (BitSet a : anchors) {
                Stats s = stats(a);
                for (int i = 0; i < count; i++) {
                    if (labelOf(out[r++]) == label) {
                        s.positives++;
                    }
                }
                s.n += count;
            }
        }

        boolean exhausted() {
            return used >= maxSamples;
        }
    }

    static boolean satisfies(int[] bins, int[][] bounds) {
        for (int f = 0; f < bins.length; f++) {
            if (bounds[f] != null && (bins[f] < bounds[f][0] || bins[f] > bounds[f][1])) {
                return false;
            }
        }
        return true;
    }

    /** The class of an output vector (argmax), or the value of a one-column output. */
    static double labelOf(double[] outputs) {
        return outputs.length == 1 ? outputs[0] : Problem.argmax(outputs);
    }

    public Explanation.Anchor explain(Problem problem, double[] x) {
        Run run = new Run(problem, x);
        BitSet empty = new BitSet();
        run.draw(List.of(empty), batchSize, true);
        BitSet best = null;
        double bestCoverage = -1;
        Map<Integer, List<BitSet>> bestOfSize = new LinkedHashMap<>();
        bestOfSize.put(0, List.of(empty));
        int limit = maxAnchorSize <= 0 ? run.predicates.size() : Math.min(maxAnchorSize, run.predicates.size());
        Stats emptyStats = run.stats(empty);
        double lb0 = dlow(emptyStats.mean(), Math.log(1 / delta) / emptyStats.n);
        if (emptyStats.mean() >= threshold && lb0 > threshold - epsilonStop) {
            best = empty; // the model answers the instance's class nearly everywhere: the empty rule holds
            limit = 0;
        }
        for (int size = 1; size <= limit && !run.exhausted(); size++) {
            List<BitSet> candidates = propose(run, bestOfSize.get(size - 1));
            final double bc = bestCoverage;
            candidates.removeIf(a -> run.stats(a).coverage <= bc);
            if (candidates.isEmpty()) {
                break;
            }
            List<BitSet> fresh = candidates.stream().filter(a -> run.stats(a).n == 0).toList();
            if (!fresh.isEmpty()) {
                run.draw(fresh, batchSize, false);
            }
            List<BitSet> chosen = klLucb(run, candidates, Math.min(beamSize, candidates.size()));
            bestOfSize.put(size, chosen);
            boolean stop = false;
            double beta = Math.log(1 / (delta / (1 + (beamSize - 1) * x.length)));
            for (BitSet a : chosen) {
                Stats s = run.stats(a);
                double mean = s.mean();
                double lb = dlow(mean, beta / s.n);
                double ub = dup(mean, beta / s.n);
                while (((mean >= threshold && lb < threshold - epsilonStop)
                        || (mean < threshold && ub >= threshold + epsilonStop)) && !run.exhausted()) {
                    run.draw(List.of(a), batchSize, false);
                    mean = s.mean();
                    lb = dlow(mean, beta / s.n);
                    ub = dup(mean, beta / s.n);
                }
                if (mean >= threshold && lb > threshold - epsilonStop && s.coverage > bestCoverage) {
                    bestCoverage = s.coverage;
                    best = a;
                    stop = bestCoverage == 1;
                }
            }
            if (stop) {
                break;
            }
        }
        boolean valid = best != null;
        if (!valid) {
            for (List<BitSet> level : bestOfSize.values()) {
                for (BitSet a : level) {
                    if (best == null || run.stats(a).mean() > run.stats(best).mean()) {
                        best = a;
                    }
                }
            }
        }
        return result(run, best, valid);
    }

    private Explanation.Anchor result(Run run, BitSet anchor, boolean valid) {
        Stats s = run.stats(anchor);
        int[][] b = run.bounds(anchor);
        List<String> names = new ArrayList<>();
        List<Explanation.Condition> conditions = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        for (int p : run.order.getOrDefault(anchor, List.of())) {
            int f = run.predicates.get(p).feature();
            if (seen.contains(f)) {
                continue;
            }
            seen.add(f);
            Double lower = run.d.lower(f, b[f][0]);
            Double upper = run.d.upper(f, b[f][1]);
            String name = run.d.describe(f, lower, upper);
            names.add(name);
            conditions.add(new Explanation.Condition(f, name, lower, upper));
        }
        return new Explanation.Anchor(run.x.clone(), run.problem.prediction(run.xOutputs), names, conditions,
                s.mean(), s.coverage, valid);
    }

    /** Every anchor of the previous level extended by one predicate it lacks, without duplicates. */
    private static List<BitSet> propose(Run run, List<BitSet> previous) {
        List<BitSet> out = new ArrayList<>();
        for (BitSet a : previous) {
            for (int p = 0; p < run.predicates.size(); p++) {
                if (a.get(p)) {
                    continue;
                }
                BitSet n = (BitSet) a.clone();
                n.set(p);
                if (!out.contains(n)) {
                    out.add(n);
                    List<Integer> ord = new ArrayList<>(run.order.getOrDefault(a, List.of()));
                    ord.add(p);
                    run.order.putIfAbsent(n, ord);
                }
            }
        }
        return out;
    }

    /** KL-LUCB: sample the two critical arms until the top-n and the rest are separated by less than epsilon. */
    private List<BitSet> klLucb(Run run, List<BitSet> arms, int top) {
        int k = arms.size();
        if (k == top) {
            return arms;
        }
        double[] ub = new double[k];
        double[] lb = new double[k];
        int t = 1;
        int[] crit = critical(run, arms, ub, lb, top, t);
        while (ub[crit[0]] - lb[crit[1]] > epsilon && !run.exhausted()) {
            t++;
            run.draw(List.of(arms.get(crit[0]), arms.get(crit[1])), batchSize, false);
            crit = critical(run, arms, ub, lb, top, t);
        }
        Integer[] idx = sortedByMean(run, arms);
        List<BitSet> out = new ArrayList<>();
        for (int i = k - top; i < k; i++) {
            out.add(arms.get(idx[i]));
        }
        return out;
    }

    private static Integer[] sortedByMean(Run run, List<BitSet> arms) {
        Integer[] idx = new Integer[arms.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(run.stats(arms.get(a)).mean(), run.stats(arms.get(b)).mean()));
        return idx;
    }

    /** Returns {best upper bound outside the top, worst lower bound inside it}, updating the bounds. */
    private int[] critical(Run run, List<BitSet> arms, double[] ub, double[] lb, int top, int t) {
        Integer[] idx = sortedByMean(run, arms);
        int k = arms.size();
        double beta = beta(k, t, delta);
        int ut = -1;
        int lt = -1;
        for (int i = 0; i < k - top; i++) {
            Stats s = run.stats(arms.get(idx[i]));
            ub[idx[i]] = dup(s.mean(), beta / s.n);
            if (ut < 0 || ub[idx[i]] > ub[ut]) {
                ut = idx[i];
            }
        }
        for (int i = k - top; i < k; i++) {
            Stats s = run.stats(arms.get(idx[i]));
            lb[idx[i]] = dlow(s.mean(), beta / s.n);
            if (lt < 0 || lb[idx[i]] < lb[lt]) {
                lt = idx[i];
            }
        }
        return new int[] {ut, lt};
    }

    /** Alibi's exploration rate. */
    static double beta(int arms, int t, double delta) {
        double temp = Math.log(405.5 * arms * Math.pow(t, 1.1) / delta);
        return temp + Math.log(temp);
    }

    static double kl(double p, double q) {
        p = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
        q = Math.min(Math.max(q, 1e-7), 1 - 1e-7);
        return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    }

    /** Upper confidence bound: the largest q >= p with KL(p, q) <= level (bisection, as Alibi). */
    static double dup(double p, double level) {
        return bound(p, level, Math.min(p + Math.sqrt(level / 2), 1));
    }

    /** Lower confidence bound: the smallest q <= p with KL(p, q) <= level. */
    static double dlow(double p, double level) {
        return bound(p, level, Math.max(p - Math.sqrt(level / 2), 0));
    }

    /** 16 bisection steps between p (within the level) and {@code far} (beyond it); answers the far end. */
    private static double bound(double p, double level, double far) {
        double near = p;
        for (int j = 1; j < 17; j++) {
            double qm = (near + far) / 2;
            if (kl(p, qm) > level) {
                far = qm;
            } else {
                near = qm;
            }
        }
        return far;
    }
}
