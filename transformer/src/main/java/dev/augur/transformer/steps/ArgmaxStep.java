package dev.augur.transformer.steps;

import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.TransformStep;
import java.util.List;

/**
 * The index of the largest value over the last dimension: INT64 {@code [rows]}, or with a labels file the label as
 * BYTES (first index wins a tie, as numpy's argmax).
 */
final class ArgmaxStep extends SingleOutputStep {
    private final List<String> labels;

    ArgmaxStep(String input, String output, List<String> labels) {
        super(input, output);
        this.labels = labels;
    }

    @Override
    Tensor compute(Tensor t, List<Tensor> tensors, StepContext context) {
        long[] idx = Steps.top(Steps.floats(t), Steps.last(t), 1);
        return Steps.classes(output, Steps.dropLast(t.shape()), idx, labels, "argmax of '" + input + "'");
    }

    static final class Provider extends BuiltInProvider {
        Provider() {
            super("argmax", "input", "output", "labels");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String in = p.requiredString("input");
            return new ArgmaxStep(in, p.string("output", in), Steps.labels(p.path("labels"), p.step()));
        }
    }
}
