package dev.augur.protocol.v2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.graph.GraphJson;
import dev.augur.protocol.graph.V2GraphCodec;

/**
 * The V2 REST body as a client writes and reads it, for components that speak REST (KServe custom containers with
 * {@code PROTOCOL=v2}): the request JSON, the response's outputs read back as tensors, and the message of a
 * component's error answer. The tensor writing and reading are {@link V2GraphCodec}'s, written once.
 */
public final class V2ClientCodec {
    /** Longest piece of a non-JSON error body quoted in a message. */
    private static final int QUOTED = 200;

    private V2ClientCodec() {
    }

    /** {@code {"id", "parameters", "inputs", "outputs"}} of the request. */
    public static byte[] encodeRequest(InferenceRequest request) {
        return V2GraphCodec.encodeRequest(request);
    }

    /**
     * A component's 200 answer. Not a V2 response is the component's fault, not the client's: INTERNAL, naming
     * {@code who}.
     */
    public static InferenceResponse decodeResponse(String who, String model, byte[] body) {
        try {
            return V2GraphCodec.decodeResponse(model, body);
        } catch (InferenceException e) {
            throw new InferenceException(ErrorCode.INTERNAL, "the answer of " + who
                    + " is not a V2 inference response: " + e.getMessage());
        }
    }

    /** The message of an error answer: its {@code "error"} field (KServe's and Augur's form), else the body's text. */
    public static String errorMessage(byte[] body) {
        JsonNode tree = GraphJson.tree(body);
        if (tree != null && tree.isObject() && tree.path("error").isTextual()) {
            return tree.get("error").asText();
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.length() > QUOTED ? text.substring(0, QUOTED) + "..." : text;
    }
}
