package dev.augur.protocol.core;

import java.util.List;
import java.util.Map;

/**
 * A protocol-neutral inference request.
 *
 * @param id               the client's id, or one generated at the edge
 * @param modelName        target model
 * @param modelVersion     target version, or null for the model's policy
 * @param parameters       request parameters (String, Long, Double or Boolean values)
 * @param inputs           input tensors
 * @param outputs          requested outputs; empty means all
 * @param typeless         true when the wire format carried no datatypes (V1 JSON): numeric inputs may then be
 *                         converted to the model's declared types, and an unnamed single input takes the model's
 *                         single input name
 */
public record InferenceRequest(String id, String modelName, String modelVersion, Map<String, Object> parameters,
        List<Tensor> inputs, List<RequestedOutput> outputs, boolean typeless) {

    public InferenceRequest {
        parameters = parameters == null ? Map.of() : parameters;
        outputs = outputs == null ? List.of() : outputs;
    }

    public InferenceRequest withTarget(String name, String version) {
        return new InferenceRequest(id, name, version, parameters, inputs, outputs, typeless);
    }

    public InferenceRequest withInputs(List<Tensor> newInputs) {
        return new InferenceRequest(id, modelName, modelVersion, parameters, newInputs, outputs, typeless);
    }

    /** A requested output and its parameters (e.g. {@code binary_data}). */
    public record RequestedOutput(String name, Map<String, Object> parameters) {
        public RequestedOutput {
            parameters = parameters == null ? Map.of() : parameters;
        }
    }
}
