package dev.augur.protocol.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.protocol.core.Json;
import java.io.IOException;
import java.util.Map;

/**
 * The JSON an InferenceGraph router reads and writes beside the bodies it passes on untouched: documents for
 * conditions, the Ensemble answer (an object of the steps' answers keyed by step name or index) and the router's
 * own error object {@code {"error": ..., "cause": ...}}, all as KServe's router shapes them.
 */
public final class GraphJson {
    /** KServe's router: {@code InferenceGraphRoutingError.ErrorMessage} for every failure it makes itself. */
    public static final String FAILED = "Failed to process request";
    private static final ObjectMapper TREES = new ObjectMapper(Json.FACTORY);

    private GraphJson() {
    }

    /** The body as a JSON tree for conditions, or null when it is not one JSON value. */
    public static JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            JsonNode node = TREES.readTree(p);
            return p.nextToken() == null ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the body is one JSON object (what an Ensemble step must answer, as KServe decodes it into a map). */
    public static boolean isObject(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the body is JSON at all (the router then answers {@code application/json}). */
    public static boolean isJson(byte[] body) {
        return tree(body) != null;
    }

    /** {@code {"<key>": <answer>, ...}} in the order given; each answer must be a JSON object ({@link #isObject}). */
    public static byte[] ensemble(Map<String, byte[]> answers) {
        return Json.write(g -> {
            g.writeStartObject();
            for (Map.Entry<String, byte[]> e : answers.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
            }
            g.writeEndObject();
        });
    }

    /** KServe's router error: {@code {"error": "Failed to process request", "cause": "..."}}. */
    public static byte[] routingError(String cause) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("error", FAILED);
            g.writeStringField("cause", cause);
            g.writeEndObject();
        });
    }
}
