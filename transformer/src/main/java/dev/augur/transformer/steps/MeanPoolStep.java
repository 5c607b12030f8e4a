package dev.augur.transformer.steps;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.util.List;

/**
 * Mean pooling of token embeddings {@code [rows, tokens, dim]} over the tokens the attention mask keeps (the mask is
 * the model input of that name, as sentence-transformers does): FP32 {@code [rows, dim]}. Sums in double.
 */
final class MeanPoolStep extends SingleOutputStep {
    private final String mask;

    MeanPoolStep(String input, String mask, String output) {
        super(input, output);
        this.mask = mask;
    }

    @Override
    Tensor compute(Tensor t, List<Tensor> tensors, StepContext context) {
        long[] s = t.shape();
        if (s.length != 3) {
            throw new InferenceException(dev.augur.protocol.core.ErrorCode.INTERNAL, "mean pooling needs '" + input
                    + "' as [rows, tokens, dim], got " + java.util.Arrays.toString(s));
        }
        int rows = (int) s[0];
        int tokens = (int) s[1];
        int dim = (int) s[2];
        float[] v = Steps.floats(t);
        Tensor m = mask == null ? null : context.modelInput(mask);
        if (m == null) {
            m = Tensors.find(tensors, mask);
        }
        float[] out = new float[rows * dim];
        double[] acc = new double[dim];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(acc, 0);
            double count = 0;
            for (int k = 0; k < tokens; k++) {
                double w = m == null ? 1 : m.getDouble(r * tokens + k);
                if (w == 0) {
                    continue;
                }
                count += w;
                int base = (r * tokens + k) * dim;
                for (int d = 0; d < dim; d++) {
                    acc[d] += w * v[base + d];
                }
            }
            double div = Math.max(count, 1e-9);
            for (int d = 0; d < dim; d++) {
                out[r * dim + d] = (float) (acc[d] / div);
            }
        }
        return Tensor.ofFloats(output, new long[] {rows, dim}, out);
    }

    static final class Provider extends BuiltInProvider {
        Provider() {
            super("mean_pool", "input", "mask", "output");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String in = p.string("input", "last_hidden_state");
            return new MeanPoolStep(in, p.string("mask", "attention_mask"), p.string("output", "embedding"));
        }
    }
}
