package dev.augur.protocol.core;

import dev.augur.protocol.v1.V1JsonCodec;
import java.util.List;
import java.util.Map;

/** A protocol-neutral inference response. */
public record InferenceResponse(String modelName, String modelVersion, String id, Map<String, Object> parameters,
        List<Tensor> outputs) {

    /**
     * Response parameters saying the outputs are the columns of one table (a data frame, as requests say with
     * {@code content_type: "pd"}): V1 answers one object per row. A parameter, so it also reaches the gateway over
     * V2 gRPC.
     */
    public static final Map<String, Object> TABLE = Map.of(V1JsonCodec.CONTENT_TYPE, "pd");

    public InferenceResponse {
        parameters = parameters == null ? Map.of() : parameters;
    }

    /** True when the outputs are the columns of one table ({@link #TABLE}). */
    public boolean tabular() {
        return "pd".equals(parameters.get(V1JsonCodec.CONTENT_TYPE));
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
