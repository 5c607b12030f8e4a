package dev.augur.isvc;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses KServe {@code serving.kserve.io/v1alpha1} InferenceGraph documents with the InferenceService parser's
 * strictness: an unknown field, a step without exactly one target, a dangling {@code nodeName}, a cycle, Splitter
 * weights not summing to 100 or a condition outside the supported GJSON subset is an {@link InvalidSpecException}
 * naming the file and the field. Files holding both kinds are read by {@link SpecFiles}.
 */
public final class InferenceGraphParser {
    private static final Set<String> FILE_API_VERSIONS = Set.of(InferenceGraph.API_VERSION);
    private static final Set<String> OBJECT_API_VERSIONS = Set.of(InferenceGraph.AUGUR_API_VERSION,
            InferenceGraph.API_VERSION);

    private InferenceGraphParser() {
    }

    /** Every InferenceGraph in {@code yaml} (documents of another kind are an error: use {@link SpecFiles}). */
    public static List<InferenceGraph> parse(String source, String yaml) {
        SpecFiles.Parsed parsed = SpecFiles.parse(source, yaml);
        if (!parsed.services().isEmpty()) {
            throw new InvalidSpecException(source, "kind", "must be " + InferenceGraph.KIND + ", got "
                    + InferenceService.KIND);
        }
        return parsed.graphs();
    }

    /** An InferenceGraph object from the API server (Augur's CRD or KServe's); status and server metadata ignored. */
    public static InferenceGraph parseObject(String source, JsonNode object) {
        return document(source, Manifest.userPart(source, object), OBJECT_API_VERSIONS);
    }

    static InferenceGraph fileDocument(String source, JsonNode node) {
        return document(source, node, FILE_API_VERSIONS);
    }

    private static InferenceGraph document(String source, JsonNode node, Set<String> apiVersions) {
        Manifest m = Manifest.read(source, node, apiVersions, InferenceGraph.KIND);
        ObjectMeta meta = m.meta();
        Fields spec = m.spec();
        Fields nodesField = spec.object("nodes");
        if (nodesField == null) {
            throw spec.error("nodes", "is required");
        }
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        for (Iterator<String> it = nodesField.fieldNames(); it.hasNext();) {
            String name = it.next();
            Fields n = nodesField.object(name);
            if (n == null) {
                throw nodesField.error(name, "must be a mapping with routerType and steps");
            }
            nodes.put(name, node(name, n));
        }
        if (!nodes.containsKey(InferenceGraph.ROOT)) {
            throw spec.error("nodes", "must have the entry node '" + InferenceGraph.ROOT + "', got: "
                    + String.join(", ", nodes.keySet()));
        }
        Resources resources = ComponentReader.resources(spec.object("resources"));
        Integer min = spec.nonNegative("minReplicas");
        Integer max = spec.nonNegative("maxReplicas");
        if (min != null && max != null && max > 0 && max < min) {
            throw spec.error("maxReplicas", "(" + max + ") must not be less than minReplicas (" + min + ")");
        }
        Integer timeout = spec.positive("timeout");
        spec.rejectUnknown();
        checkTargets(spec, nodes);
        checkCycles(spec, nodes);
        return new InferenceGraph(source, meta.name(), meta.namespace(), meta.labels(), meta.annotations(), nodes,
                resources, min, max, timeout);
    }

    private static GraphNode node(String name, Fields n) {
        GraphNode.RouterType type = n.choice("routerType", GraphNode.RouterType.values(), GraphNode.RouterType::wire);
        if (type == null) {
            throw n.error("routerType", "is required (Sequence, Switch, Ensemble or Splitter)");
        }
        List<Fields> stepFields = n.objectList("steps");
        if (stepFields.isEmpty()) {
            throw n.error("steps", "must list at least one step");
        }
        List<GraphStep> steps = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        int weights = 0;
        for (int i = 0; i < stepFields.size(); i++) {
            Fields s = stepFields.get(i);
            GraphStep step = step(i, s, type);
            if (step.name() != null) {
                Integer first = names.putIfAbsent(step.name(), i);
                if (first != null) {
                    throw s.error("name", "\"" + step.name() + "\" is already the name of " + n.at("steps") + "["
                            + first + "]: step names are unique in a node");
                }
            }
            weights += step.weight() == null ? 0 : step.weight();
            steps.add(step);
        }
        if (type == GraphNode.RouterType.SPLITTER && weights != 100) {
            throw n.error("steps", "weights must sum to 100 in a Splitter node, got " + weights);
        }
        n.rejectUnknown();
        return new GraphNode(name, type, steps);
    }

    private static GraphStep step(int index, Fields s, GraphNode.RouterType type) {
        String serviceName = s.string("serviceName");
        String serviceUrl = s.string("serviceUrl");
        String nodeName = s.string("nodeName");
        List<String> targets = new ArrayList<>();
        if (serviceName != null) {
            targets.add("serviceName");
        }
        if (serviceUrl != null) {
            targets.add("serviceUrl");
        }
        if (nodeName != null) {
            targets.add("nodeName");
        }
        if (targets.size() != 1) {
            throw new InvalidSpecException(s.source(), s.path(), targets.isEmpty()
                    ? "has no target: set exactly one of serviceName, serviceUrl, nodeName"
                    : "has " + targets.size() + " targets (" + String.join(", ", targets)
                            + "): set exactly one of serviceName, serviceUrl, nodeName");
        }
        if (serviceName != null && !ObjectMeta.isName(serviceName)) {
            throw s.error("serviceName", "must be an InferenceService name (a DNS-1035 label), got \""
                    + serviceName + "\"");
        }
        if (serviceUrl != null) {
            checkUrl(s, serviceUrl);
        }
        String name = s.string("name");
        if (name != null && name.isBlank()) {
            throw s.error("name", "must not be blank");
        }
        String expression = s.string("condition");
        Condition condition = null;
        if (expression != null) {
            try {
                condition = Condition.parse(expression);
            } catch (IllegalArgumentException e) {
                throw s.error("condition", e.getMessage());
            }
        } else if (type == GraphNode.RouterType.SWITCH) {
            throw s.error("condition", "is required in a Switch node (the step runs when it matches the request)");
        }
        GraphStep.Data data = s.choice("data", GraphStep.Data.values(), GraphStep.Data::wire);
        Integer weight = s.integer("weight", 0, 100, "an integer from 0 to 100");
        if (type == GraphNode.RouterType.SPLITTER && weight == null) {
            throw s.error("weight", "is required in a Splitter node");
        }
        if (type != GraphNode.RouterType.SPLITTER && weight != null) {
            throw s.error("weight", "is only used in Splitter nodes, this node is a " + type.wire());
        }
        GraphStep.Dependency dependency = s.choice("dependency", GraphStep.Dependency.values(),
                GraphStep.Dependency::wire);
        s.rejectUnknown();
        return new GraphStep(index, name, serviceName, serviceUrl, nodeName, condition,
                data == null ? GraphStep.Data.REQUEST : data, weight,
                dependency == null ? GraphStep.Dependency.SOFT : dependency);
    }

    private static void checkUrl(Fields s, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // Reported below.
        }
        throw s.error("serviceUrl", "must be an absolute http:// or https:// URL, got \"" + url + "\"");
    }

    private static void checkTargets(Fields spec, Map<String, GraphNode> nodes) {
        for (GraphNode n : nodes.values()) {
            for (GraphStep s : n.steps()) {
                if (s.nodeName() != null && !nodes.containsKey(s.nodeName())) {
                    throw spec.error("nodes." + n.name() + ".steps[" + s.index() + "].nodeName", "\"" + s.nodeName()
                            + "\" names no node of this graph; nodes: " + String.join(", ", nodes.keySet()));
                }
            }
        }
    }

    /** A node that reaches itself again through nodeName steps would recurse until the request times out. */
    private static void checkCycles(Fields spec, Map<String, GraphNode> nodes) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : nodes.keySet()) {
            List<String> cycle = visit(start, nodes, state, new ArrayList<>());
            if (cycle != null) {
                throw spec.error("nodes", "have a cycle: " + String.join(" -> ", cycle));
            }
        }
    }

    /** Depth-first search; state 1 = on the current path, 2 = done. Returns the cycle's nodes, or null. */
    private static List<String> visit(String node, Map<String, GraphNode> nodes, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return null;
        }
        if (s != null) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (GraphStep step : nodes.get(node).steps()) {
            if (step.nodeName() != null) {
                List<String> cycle = visit(step.nodeName(), nodes, state, path);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return null;
    }
}
