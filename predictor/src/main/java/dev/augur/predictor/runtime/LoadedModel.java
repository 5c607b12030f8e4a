package dev.augur.predictor.runtime;

import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import java.util.List;

/**
 * One loaded model version: its signature and a thread-safe {@link #infer} over validated inputs. The data plane
 * has already checked names, datatypes and shapes against {@link #inputs()} before calling it.
 */
public interface LoadedModel extends AutoCloseable {

    /** Platform string reported in metadata, e.g. {@code onnxruntime_onnx} as Triton names it. */
    String platform();

    List<TensorSpec> inputs();

    List<TensorSpec> outputs();

    /**
     * True when the outputs are the columns of one table, each [N] (a PMML model's output fields): V1 then answers
     * one object per row, as KServe's PMML server does, instead of the first output only.
     */
    default boolean tabularOutputs() {
        return false;
    }

    /**
     * Runs the model.
     *
     * @param inputs  one tensor per model input, in any order
     * @param outputs names of the outputs to compute, in the order to return them
     */
    List<Tensor> infer(List<Tensor> inputs, List<String> outputs) throws Exception;

    /**
     * Names of the columns of the model's single 2-D input, in order, when the model knows them (XGBoost feature
     * names, PMML fields); empty otherwise. Named-feature requests are mapped onto the input with these.
     */
    default List<String> featureNames() {
        return List.of();
    }

    /** Bytes this model holds, as far as the runtime can tell (file size when it cannot). */
    long memoryBytes();

    @Override
    void close();
}
