package dev.augur.transformer.steps;

import dev.augur.protocol.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.StepProvider;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.util.List;
import java.util.Set;

/**
 * The index of the largest value over the last dimension: INT64 {@code [rows]}, or with a labels file the label as
 * BYTES (first index wins a tie, as numpy's argmax).
 */
final class ArgmaxStep implements TransformStep {
    private final String input;
    private final String output;
    private final List<String> labels;

    ArgmaxStep(String input, String output, List<String> labels) {
        this.input = input;
        this.output = output;
        this.labels = labels;
    }

    @Override
    public List<Tensor> apply(List<Tensor> tensors, StepContext context) {
        Tensor t = Tensors.require(tensors, input);
        float[] v = Steps.floats(t);
        int c = Steps.last(t);
        int rows = c == 0 ? 0 : v.length / c;
        long[] idx = new long[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int i = 1; i < c; i++) {
                if (v[r * c + i] > v[r * c + best]) {
                    best = i;
                }
            }
            idx[r] = best;
        }
        long[] shape = Steps.dropLast(t.shape());
        Tensor out;
        if (labels == null) {
            out = Tensor.ofLongs(output, shape, idx);
        } else {
            byte[][] e = new byte[rows][];
            for (int r = 0; r < rows; r++) {
                e[r] = Steps.utf8(Steps.label(labels, (int) idx[r], "argmax of '" + input + "'"));
            }
            out = Tensor.ofBytes(output, shape, e, null);
        }
        return Tensors.replace(tensors, input, out);
    }

    static final class Provider implements StepProvider {
        @Override
        public String name() {
            return "argmax";
        }

        @Override
        public Set<String> parameters() {
            return Set.of("input", "output", "labels");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String in = p.requiredString("input");
            return new ArgmaxStep(in, p.string("output", in), Steps.labels(p.path("labels"), p.step()));
        }
    }
}
