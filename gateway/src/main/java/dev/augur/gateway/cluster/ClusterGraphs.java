package dev.augur.gateway.cluster;

import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceGraphParser;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;

/**
 * The InferenceGraphs of one namespace ({@code serving.augur.dev/v1alpha1}), kept current by an informer and read
 * with {@code augur-isvc}'s graph parser; the gateway routes them (it is their router). A graph the parser refuses
 * is not routed and its message is kept for the status page, as for InferenceServices.
 */
public final class ClusterGraphs extends ClusterObjects<InferenceGraph> {
    static final ResourceDefinitionContext IG = augurKind("v1alpha1", "InferenceGraph", "inferencegraphs");

    public ClusterGraphs(KubernetesClient client, String namespace) {
        super(client, namespace, IG, InferenceGraphParser::parseObject);
    }

    public List<InferenceGraph> graphs() {
        return values();
    }
}
