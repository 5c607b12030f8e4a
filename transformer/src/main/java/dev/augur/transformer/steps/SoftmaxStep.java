package dev.augur.transformer.steps;

import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.TransformStep;

/** Softmax over the last dimension (numerically stable: the row's maximum is subtracted first). FP32 out. */
final class SoftmaxStep extends RowwiseStep {

    SoftmaxStep(String input, String output) {
        super(input, output);
    }

    @Override
    void row(float[] v, int from, int c, float[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + c; i++) {
            max = Math.max(max, v[i]);
        }
        double sum = 0;
        for (int i = from; i < from + c; i++) {
            sum += Math.exp(v[i] - max);
        }
        for (int i = from; i < from + c; i++) {
            out[i] = (float) (Math.exp(v[i] - max) / sum);
        }
    }

    static final class Provider extends BuiltInProvider {
        Provider() {
            super("softmax", "input", "output");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String in = p.requiredString("input");
            return new SoftmaxStep(in, p.string("output", in));
        }
    }
}
