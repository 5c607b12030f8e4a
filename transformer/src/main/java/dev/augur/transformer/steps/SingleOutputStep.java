package dev.augur.transformer.steps;

import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.util.List;

/**
 * A step that reads one input tensor and answers one result, placed as {@link Tensors#replace} says (in the input's
 * place when it keeps the input's name).
 */
abstract class SingleOutputStep implements TransformStep {
    final String input;
    final String output;

    SingleOutputStep(String input, String output) {
        this.input = input;
        this.output = output;
    }

    @Override
    public final List<Tensor> apply(List<Tensor> tensors, StepContext context) {
        return Tensors.replace(tensors, input, compute(Tensors.require(tensors, input), tensors, context));
    }

    /** The result, named {@link #output}, for the input tensor {@code t} (the others are there to read). */
    abstract Tensor compute(Tensor t, List<Tensor> tensors, StepContext context);
}
