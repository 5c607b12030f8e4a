package dev.augur.transformer.steps;

import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.TransformStep;

/** Scales each row (last dimension) to unit L2 norm, as torch's normalize (norm clamped at 1e-12). FP32 out. */
final class L2NormalizeStep extends RowwiseStep {

    L2NormalizeStep(String input, String output) {
        super(input, output);
    }

    @Override
    void row(float[] v, int from, int c, float[] out) {
        double sum = 0;
        for (int i = from; i < from + c; i++) {
            sum += (double) v[i] * v[i];
        }
        double norm = Math.max(Math.sqrt(sum), 1e-12);
        for (int i = from; i < from + c; i++) {
            out[i] = (float) (v[i] / norm);
        }
    }

    static final class Provider extends BuiltInProvider {
        Provider() {
            super("l2_normalize", "input", "output");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String in = p.string("input", "embedding");
            return new L2NormalizeStep(in, p.string("output", in));
        }
    }
}
