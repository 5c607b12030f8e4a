package dev.augur.protocol.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Json;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.v2.V2JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The V2 JSON a gateway writes when it is the client: a request to send an InferenceGraph (whose steps speak JSON)
 * on behalf of a gRPC caller, and the graph's V2 JSON answer read back into tensors.
 */
public final class V2GraphCodec {
    private static final ObjectMapper TREES = new ObjectMapper(Json.FACTORY);

    private V2GraphCodec() {
    }

    /** {@code {"id", "parameters", "inputs": [{name, datatype, shape, parameters, data}], "outputs": [...]}}. */
    public static byte[] encodeRequest(InferenceRequest r) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("id", r.id());
            Json.writeParametersField(g, r.parameters());
            g.writeArrayFieldStart("inputs");
            for (Tensor t : r.inputs()) {
                g.writeStartObject();
                g.writeStringField("name", t.name());
                g.writeStringField("datatype", t.datatype().name());
                Json.writeShape(g, t.shape());
                Json.writeParametersField(g, t.parameters());
                Json.writeData(g, t);
                g.writeEndObject();
            }
            g.writeEndArray();
            if (!r.outputs().isEmpty()) {
                g.writeArrayFieldStart("outputs");
                for (InferenceRequest.RequestedOutput o : r.outputs()) {
                    g.writeStartObject();
                    g.writeStringField("name", o.name());
                    Json.writeParametersField(g, o.parameters());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    /**
     * A V2 JSON response body. Its outputs are tensors written exactly as a request's inputs are, so they are read by
     * the request decoder (one tensor reader, one set of checks). Fails with INVALID_ARGUMENT when the body is not a
     * V2 response (an Ensemble's object keyed by step, a V1 answer).
     */
    public static InferenceResponse decodeResponse(String model, byte[] body) {
        JsonNode tree = GraphJson.tree(body);
        if (tree == null || !tree.isObject() || !tree.path("outputs").isArray()) {
            throw InferenceException.invalid("the answer of '" + model + "' is not a V2 inference response (no "
                    + "'outputs'), so it cannot be sent over gRPC");
        }
        ObjectNode asRequest = TREES.createObjectNode();
        asRequest.set("inputs", tree.get("outputs"));
        byte[] bytes;
        try {
            bytes = TREES.writeValueAsBytes(asRequest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InferenceRequest r = V2JsonCodec.decodeRequest(model, null, bytes, -1);
        String name = tree.path("model_name").asText(model);
        String version = tree.hasNonNull("model_version") ? tree.get("model_version").asText() : null;
        String id = tree.path("id").asText(r.id());
        return new InferenceResponse(name, version, id, Map.of(), r.inputs());
    }
}
