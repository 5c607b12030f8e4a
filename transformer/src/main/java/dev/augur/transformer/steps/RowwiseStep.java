package dev.augur.transformer.steps;

import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepContext;
import java.util.List;

/** A step mapping each row (the last dimension) to a row of the same length: FP32 of the input's shape. */
abstract class RowwiseStep extends SingleOutputStep {

    RowwiseStep(String input, String output) {
        super(input, output);
    }

    @Override
    final Tensor compute(Tensor t, List<Tensor> tensors, StepContext context) {
        float[] v = Steps.floats(t);
        int c = Steps.last(t);
        float[] out = new float[v.length];
        for (int r = 0; r + c <= v.length && c > 0; r += c) {
            row(v, r, c, out);
        }
        return Tensor.ofFloats(output, t.shape(), out);
    }

    /** Writes {@code out[from .. from + c)} from {@code v[from .. from + c)}. */
    abstract void row(float[] v, int from, int c, float[] out);
}
