package dev.augur.transformer.steps;

import dev.augur.protocol.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.StepProvider;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.util.List;
import java.util.Set;

/** Scales each row (last dimension) to unit L2 norm, as torch's normalize (norm clamped at 1e-12). FP32 out. */
final class L2NormalizeStep implements TransformStep {
    private final String input;
    private final String output;

    L2NormalizeStep(String input, String output) {
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
            double sum = 0;
            for (int i = 0; i < c; i++) {
                sum += (double) v[r + i] * v[r + i];
            }
            double norm = Math.max(Math.sqrt(sum), 1e-12);
            for (int i = 0; i < c; i++) {
                out[r + i] = (float) (v[r + i] / norm);
            }
        }
        return Tensors.replace(tensors, input, Tensor.ofFloats(output, t.shape(), out));
    }

    static final class Provider implements StepProvider {
        @Override
        public String name() {
            return "l2_normalize";
        }

        @Override
        public Set<String> parameters() {
            return Set.of("input", "output");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String in = p.string("input", "embedding");
            return new L2NormalizeStep(in, p.string("output", in));
        }
    }
}
