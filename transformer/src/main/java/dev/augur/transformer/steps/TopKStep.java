package dev.augur.transformer.steps;

import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.util.List;

/**
 * The k largest values of the last dimension, best first (ties: lower index first). Answers
 * {@code <output>_scores} FP32 {@code [rows, k]}, {@code <output>_indices} INT64 {@code [rows, k]} and, with a labels
 * file, {@code <output>_labels} BYTES {@code [rows, k]}; the input tensor is replaced by them.
 */
record TopKStep(String input, String output, int k, List<String> labels) implements TransformStep {

    @Override
    public List<Tensor> apply(List<Tensor> tensors, StepContext context) {
        Tensor t = Tensors.require(tensors, input);
        float[] v = Steps.floats(t);
        int c = Steps.last(t);
        int kk = Math.min(k, c);
        long[] idx = Steps.top(v, c, kk);
        float[] scores = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            scores[i] = v[(i / kk) * c + (int) idx[i]];
        }
        long[] shape = Steps.dropLast(t.shape());
        long[] outShape = java.util.Arrays.copyOf(shape, shape.length + 1);
        outShape[shape.length] = kk;
        List<Tensor> out = Steps.without(tensors, input);
        if (labels != null) {
            out.add(Steps.classes(output + "_labels", outShape, idx, labels, "top-k of '" + input + "'"));
        }
        out.add(Tensor.ofFloats(output + "_scores", outShape, scores));
        out.add(Tensor.ofLongs(output + "_indices", outShape, idx));
        return out;
    }

    static final class Provider extends BuiltInProvider {
        Provider() {
            super("topk", "input", "output", "k", "labels");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String in = p.requiredString("input");
            int k = p.integer("k", 5);
            if (k < 1) {
                throw p.bad("k", "at least 1", k);
            }
            return new TopKStep(in, p.string("output", "topk"), k, Steps.labels(p.path("labels"), p.step()));
        }
    }
}
