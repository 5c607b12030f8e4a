package dev.augur.transformer.steps;

import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.TransformStep;
import java.util.List;

/**
 * Element-wise decision {@code value >= threshold}: INT64 1/0 of the input's shape, or with {@code labels: [negative,
 * positive]} those labels as BYTES. A {@code [rows, 2]} input of class probabilities can be reduced first with
 * {@code column: 1} (the positive class).
 */
final class ThresholdStep extends SingleOutputStep {
    private final double threshold;
    private final int column;
    private final List<String> labels;

    ThresholdStep(String input, String output, double threshold, int column, List<String> labels) {
        super(input, output);
        this.threshold = threshold;
        this.column = column;
        this.labels = labels;
    }

    @Override
    Tensor compute(Tensor t, List<Tensor> tensors, StepContext context) {
        float[] v = Steps.floats(t);
        long[] shape = t.shape();
        if (column >= 0) {
            int c = Steps.last(t);
            if (column >= c) {
                throw dev.augur.protocol.core.InferenceException.invalid("'" + input + "' has " + c
                        + " columns; the threshold step reads column " + column);
            }
            float[] col = new float[c == 0 ? 0 : v.length / c];
            for (int r = 0; r < col.length; r++) {
                col[r] = v[r * c + column];
            }
            v = col;
            shape = Steps.dropLast(shape);
        }
        long[] d = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i] >= threshold ? 1 : 0;
        }
        return Steps.classes(output, shape, d, labels, "threshold of '" + input + "'");
    }

    static final class Provider extends BuiltInProvider {
        Provider() {
            super("threshold", "input", "output", "threshold", "column", "labels");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String in = p.requiredString("input");
            if (!p.has("threshold")) {
                throw p.missing("threshold");
            }
            List<Object> l = p.list("labels");
            List<String> labels = null;
            if (l != null) {
                if (l.size() != 2) {
                    throw p.bad("labels", "two labels [negative, positive]", l);
                }
                labels = List.of(String.valueOf(l.get(0)), String.valueOf(l.get(1)));
            }
            return new ThresholdStep(in, p.string("output", in), p.number("threshold", 0.5), p.integer("column", -1),
                    labels);
        }
    }
}
