package dev.augur.transformer.config;

import java.util.List;
import java.util.Map;

/**
 * A parsed pipeline file: what an InferenceService's {@code transformer} section carries.
 *
 * @param name             the model name clients call (the InferenceService's name)
 * @param predictorAddress host:port of the predictor's V2 gRPC endpoint
 * @param predictorModel   the model's name at the predictor
 * @param timeoutMillis    deadline of each predictor call
 * @param preprocess       preprocess steps, in order
 * @param postprocess      postprocess steps, in order
 * @param outputs          the tensors returned to the client, in this order; empty means all
 */
public record PipelineSpec(String name, String predictorAddress, String predictorModel, long timeoutMillis,
        List<StepSpec> preprocess, List<StepSpec> postprocess, List<String> outputs) {

    /** The same pipeline answering to another name (the InferenceService that runs it). */
    public PipelineSpec withName(String other) {
        return new PipelineSpec(other, predictorAddress, predictorModel, timeoutMillis, preprocess, postprocess,
                outputs);
    }

    /** One step: its provider name and plain parameter values; {@code where} locates it in the file. */
    public record StepSpec(String step, Map<String, Object> parameters, String where) {
    }
}
