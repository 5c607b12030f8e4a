package dev.augur.operator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Map;

/** A custom resource as {@code augur-isvc}'s parsers read files, whatever its kind. */
final class SpecTree {
    private SpecTree() {
    }

    /** Only what a user writes, so server-side fields cannot confuse the parser. */
    static JsonNode of(CustomResource<JsonNode, ?> r) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("apiVersion", r.getApiVersion());
        node.put("kind", r.getKind());
        ObjectNode m = node.putObject("metadata");
        m.put("name", r.getMetadata().getName());
        m.put("namespace", r.getMetadata().getNamespace());
        putMap(m, "labels", r.getMetadata().getLabels());
        putMap(m, "annotations", r.getMetadata().getAnnotations());
        if (r.getSpec() != null) {
            node.set("spec", r.getSpec());
        }
        return node;
    }

    private static void putMap(ObjectNode parent, String field, Map<String, String> values) {
        if (values != null && !values.isEmpty()) {
            ObjectNode o = parent.putObject(field);
            values.forEach(o::put);
        }
    }
}
