package dev.augur.predictor.runtime;

import dev.augur.protocol.core.TensorSpec;
import java.util.List;

/**
 * What every runtime's model fixes at load and only reports afterwards: its platform name, its signature and the
 * bytes it holds. Subclasses bring {@link #infer} and {@link #close}.
 */
public abstract class SignedModel implements LoadedModel {
    private final String platform;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final long bytes;

    protected SignedModel(String platform, List<TensorSpec> inputs, List<TensorSpec> outputs, long bytes) {
        this.platform = platform;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.bytes = bytes;
    }

    @Override
    public final String platform() {
        return platform;
    }

    @Override
    public final List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public final List<TensorSpec> outputs() {
        return outputs;
    }

    /** The model file's size, unless the subclass can tell better. */
    @Override
    public long memoryBytes() {
        return bytes;
    }
}
