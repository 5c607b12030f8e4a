package dev.augur.transformer.spi;

import dev.augur.protocol.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * What a step may know about the request it works on besides its tensors.
 *
 * @param modelName    the model (InferenceService) the client called
 * @param parameters   the request's parameters
 * @param modelInputs  in postprocess: the tensors that were sent to the predictor (e.g. the attention mask for
 *                     mean pooling); empty in preprocess
 */
public record StepContext(String modelName, Map<String, Object> parameters, List<Tensor> modelInputs) {
    public StepContext {
        parameters = parameters == null ? Map.of() : parameters;
        modelInputs = modelInputs == null ? List.of() : modelInputs;
    }

    /** The model input called {@code name}, or null. */
    public Tensor modelInput(String name) {
        return Tensors.find(modelInputs, name);
    }
}
