package dev.augur.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceGraphParser;
import dev.augur.isvc.InvalidSpecException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jboss.logging.Logger;

/**
 * The InferenceGraphs of one namespace ({@code serving.augur.dev/v1alpha1}), kept current by an informer and read
 * with {@code augur-isvc}'s graph parser; the gateway routes them (it is their router). A graph the parser refuses
 * is not routed and its message is kept for the status page, as for InferenceServices.
 */
public final class ClusterGraphs implements AutoCloseable {
    static final ResourceDefinitionContext IG = new ResourceDefinitionContext.Builder()
            .withGroup("serving.augur.dev").withVersion("v1alpha1").withKind("InferenceGraph")
            .withPlural("inferencegraphs").withNamespaced(true).build();
    private static final Logger LOG = Logger.getLogger(ClusterGraphs.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, InferenceGraph> graphs = new ConcurrentSkipListMap<>();
    private final Map<String, String> errors = new ConcurrentSkipListMap<>();
    private SharedIndexInformer<GenericKubernetesResource> informer;

    public ClusterGraphs(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    public void start() {
        informer = client.genericKubernetesResources(IG).inNamespace(namespace).inform(new Handler());
    }

    public List<InferenceGraph> graphs() {
        return List.copyOf(graphs.values());
    }

    public List<String> errors() {
        return List.copyOf(errors.values());
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }

    private void put(GenericKubernetesResource r) {
        String name = r.getMetadata().getName();
        try {
            JsonNode tree = client.getKubernetesSerialization().convertValue(r, JsonNode.class);
            graphs.put(name, InferenceGraphParser.parseObject(namespace + "/" + name, tree));
            errors.remove(name);
        } catch (InvalidSpecException e) {
            graphs.remove(name);
            errors.put(name, e.getMessage());
            LOG.warnf("not routed: %s", e.getMessage());
        }
    }

    private void remove(GenericKubernetesResource r) {
        graphs.remove(r.getMetadata().getName());
        errors.remove(r.getMetadata().getName());
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        @Override
        public void onAdd(GenericKubernetesResource r) {
            put(r);
        }

        @Override
        public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
            put(after);
        }

        @Override
        public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
            remove(r);
        }
    }
}
