package dev.augur.operator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;

/**
 * A custom resource as {@code augur-isvc}'s parsers read files, whatever its kind, and how its reconciler writes back
 * the status those parsers' results decide.
 */
final class SpecTree {
    private SpecTree() {
    }

    /** {@code namespace/name}: how the parsers' messages name the resource. */
    static String source(CustomResource<JsonNode, ?> r) {
        return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
    }

    /** Patches the status only when it changed: writing the same status again would only cause another reconcile. */
    static <S, R extends CustomResource<JsonNode, S>> UpdateControl<R> patchIfChanged(R resource, S previous,
            S status) {
        if (status.equals(previous)) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(status);
        return UpdateControl.patchStatus(resource);
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
