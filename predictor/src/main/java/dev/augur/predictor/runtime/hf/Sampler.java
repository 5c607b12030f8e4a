package dev.augur.predictor.runtime.hf;

import java.util.Arrays;

/**
 * Picks the next token from the logits, exactly as {@code models/generate_tiny_gpt.py}'s {@code sample} does, so a
 * seeded draw is the same in the numpy reference and here.
 *
 * <p>Greedy (temperature 0): the first index of the largest logit. Otherwise x = logit / temperature in double;
 * candidates sorted by x descending (ties: lower id first); keep the first top_k (0 = all); p = exp(x - max), summed
 * in order; with top_p < 1 keep the shortest prefix whose running sum reaches top_p * total; draw
 * u = nextDouble() * kept sum and take the first candidate whose running sum exceeds u.
 */
final class Sampler {
    private final double temperature;
    private final int topK;
    private final double topP;
    private final SplitMix64 random;

    Sampler(double temperature, int topK, double topP, long seed) {
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.random = new SplitMix64(seed);
    }

    boolean greedy() {
        return temperature == 0;
    }

    int next(float[] logits) {
        if (greedy()) {
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        }
        int n = logits.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Sorting by the float logit is the same order as by logit / temperature (temperature > 0).
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : a - b);
        int kept = topK > 0 ? Math.min(topK, n) : n;
        double max = logits[order[0]] / temperature;
        double[] p = new double[kept];
        double total = 0;
        for (int j = 0; j < kept; j++) {
            p[j] = Math.exp(logits[order[j]] / temperature - max);
            total += p[j];
        }
        if (topP < 1.0) {
            double run = 0;
            int cut = kept;
            for (int j = 0; j < kept; j++) {
                run += p[j];
                if (run >= topP * total) {
                    cut = j + 1;
                    break;
                }
            }
            kept = cut;
            total = run;
        }
        double u = random.nextDouble() * total;
        double run = 0;
        for (int j = 0; j < kept; j++) {
            run += p[j];
            if (run > u) {
                return order[j];
            }
        }
        return order[kept - 1];
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): tiny, and the same in Python with 64-bit masking. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        double nextDouble() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            return (z >>> 11) * 0x1.0p-53;
        }
    }
}
