package dev.augur.transformer.steps;

import dev.augur.protocol.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.StepProvider;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.util.List;
import java.util.Set;

/** Softmax over the last dimension (numerically stable: the row's maximum is subtracted first). FP32 out. */
final class SoftmaxStep implements TransformStep {
    private final String input;
    private final String output;

    SoftmaxStep(String input, String output) {
        this.input = input;
        this.output = output;
    }

    @Override
    public List<Tensor> apply(List<Tensor> tensors, StepContext context) {
        Tensor t = Tensors.require(tensors, input);
        float[] v = Steps.floats(t);
        int c = Steps.last(t);
        float[] out = new float[v.length];
        for (int r = 0; r + c <= v.length && c > 0; r += c) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < c; i++) {
                max = Math.max(max, v[r + i]);
            }
            double sum = 0;
            for (int i = 0; i < c; i++) {
                sum += Math.exp(v[r + i] - max);
            }
            for (int i = 0; i < c; i++) {
                out[r + i] = (float) (Math.exp(v[r + i] - max) / sum);
            }
        }
        return Tensors.replace(tensors, input, Tensor.ofFloats(output, t.shape(), out));
    }

    static final class Provider implements StepProvider {
        @Override
        public String name() {
            return "softmax";
        }

        @Override
        public Set<String> parameters() {
            return Set.of("input", "output");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String in = p.requiredString("input");
            return new SoftmaxStep(in, p.string("output", in));
        }
    }
}
