package dev.augur.examples.transformer;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.StepProvider;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * A custom step: lower-cases every string of a BYTES tensor. In a pipeline file:
 *
 * <pre>
 * preprocess:
 *   - lowercase: {input: text}
 * </pre>
 *
 * Drop this module's jar on the transformer's class path (e.g. {@code transformer/target/quarkus-app/lib/main/} or a
 * dependency of a build of the transformer) and the step is found at start-up.
 */
public class LowercaseStepProvider implements StepProvider {
    @Override
    public String name() {
        return "lowercase";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("input");
    }

    @Override
    public TransformStep create(StepParameters parameters) {
        String input = parameters.string("input", "text");
        return (tensors, context) -> {
            Tensor t = Tensors.require(tensors, input);
            if (t.datatype() != DataType.BYTES) {
                throw InferenceException.invalid("input '" + input + "' must be BYTES (text), got " + t.datatype());
            }
            byte[][] in = t.elements();
            byte[][] out = new byte[in.length][];
            for (int i = 0; i < in.length; i++) {
                out[i] = new String(in[i], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)
                        .getBytes(StandardCharsets.UTF_8);
            }
            return Tensors.replace(tensors, input, Tensor.ofBytes(input, t.shape(), out, t.parameters()));
        };
    }
}
