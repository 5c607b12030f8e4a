package dev.augur.protocol;

import java.util.List;
import java.util.Map;

/** A protocol-neutral inference response. */
public record InferenceResponse(String modelName, String modelVersion, String id, Map<String, Object> parameters,
        List<Tensor> outputs) {

    public InferenceResponse {
        parameters = parameters == null ? Map.of() : parameters;
    }

    public Tensor output(String name) {
        for (Tensor t : outputs) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
