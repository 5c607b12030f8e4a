package dev.augur.isvc;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One KServe {@code serving.kserve.io/v1alpha1} InferenceGraph: routing nodes whose steps call InferenceServices,
 * URLs or other nodes. Checked when read: the {@value #ROOT} node exists, every step has exactly one target, every
 * {@code nodeName} names a node and no node reaches itself again, so a router never meets a graph it cannot run.
 *
 * @param source      where it was read from, for messages
 * @param name        {@code metadata.name}: a DNS-1035 label
 * @param namespace   {@code metadata.namespace}, {@value InferenceService#DEFAULT_NAMESPACE} when omitted
 * @param nodes       {@code spec.nodes} by name, in file order
 * @param resources   {@code spec.resources} (for the router pod KServe runs; Augur's gateway is the router), or null
 * @param minReplicas {@code spec.minReplicas}, or null
 * @param maxReplicas {@code spec.maxReplicas}, or null
 * @param timeout     {@code spec.timeout} in seconds: the longest a whole graph request may take, or null for the
 *                    gateway's default
 */
public record InferenceGraph(String source, String name, String namespace, Map<String, String> labels,
        Map<String, String> annotations, Map<String, GraphNode> nodes, Resources resources, Integer minReplicas,
        Integer maxReplicas, Integer timeout) {

    public static final String API_VERSION = "serving.kserve.io/v1alpha1";
    public static final String AUGUR_API_VERSION = "serving.augur.dev/v1alpha1";
    public static final String KIND = "InferenceGraph";
    /** The entry node every graph must have. */
    public static final String ROOT = "root";

    public InferenceGraph {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        nodes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
    }

    public GraphNode root() {
        return nodes.get(ROOT);
    }

    /** The InferenceServices the steps name ({@code serviceName}), in file order: the graph is ready when they are. */
    public Set<String> serviceNames() {
        Set<String> out = new LinkedHashSet<>();
        for (GraphNode n : nodes.values()) {
            for (GraphStep s : n.steps()) {
                if (s.serviceName() != null) {
                    out.add(s.serviceName());
                }
            }
        }
        return out;
    }
}
