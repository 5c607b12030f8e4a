package dev.augur.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceGraphParser;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.augur.isvc.InvalidSpecException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * The objects of one kind in one namespace as the API server has them, kept current by an informer and read with
 * {@code augur-isvc}'s parser (the one local mode uses for files). An object the parser refuses is not routed; its
 * message is kept for the status page (the operator reports the same message in the object's status). Plain Java, so
 * it is tested against fabric8's mock API server without Quarkus.
 */
class ClusterObjects<T> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ClusterObjects.class);
    static final ResourceDefinitionContext IG = augurKind("v1alpha1", "InferenceGraph", "inferencegraphs");

    private final KubernetesClient client;
    private final String namespace;
    private final ResourceDefinitionContext kind;
    /** {@code (namespace/name, object)} to the parsed spec; throws {@link InvalidSpecException} for a bad one. */
    private final BiFunction<String, JsonNode, T> parser;
    private final Map<String, T> parsed = new ConcurrentSkipListMap<>();
    private final Map<String, String> errors = new ConcurrentSkipListMap<>();
    private final Map<String, GenericKubernetesResource> objects = new ConcurrentSkipListMap<>();
    private SharedIndexInformer<GenericKubernetesResource> informer;

    ClusterObjects(KubernetesClient client, String namespace, ResourceDefinitionContext kind,
            BiFunction<String, JsonNode, T> parser) {
        this.client = client;
        this.namespace = namespace;
        this.kind = kind;
        this.parser = parser;
    }

    /**
     * The InferenceGraphs of one namespace ({@code serving.augur.dev/v1alpha1}); the gateway routes them (it is their
     * router). A graph the parser refuses is not routed and its message is kept for the status page, as for
     * InferenceServices.
     */
    static ClusterObjects<InferenceGraph> graphs(KubernetesClient client, String namespace) {
        return new ClusterObjects<>(client, namespace, IG, InferenceGraphParser::parseObject);
    }

    /** A namespaced kind of Augur's API group, {@code serving.augur.dev}. */
    static ResourceDefinitionContext augurKind(String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("serving.augur.dev").withVersion(version)
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /** Lists and starts watching; returns at once (see {@link #synced()}). */
    public void start() {
        informer = client.genericKubernetesResources(kind).inNamespace(namespace).inform(new Handler());
    }

    /** True once the first list has been read. */
    public boolean synced() {
        return informer != null && informer.hasSynced();
    }

    public String namespace() {
        return namespace;
    }

    /** Every object that parsed, by name. */
    List<T> values() {
        return List.copyOf(parsed.values());
    }

    Optional<T> get(String name) {
        return Optional.ofNullable(parsed.get(name));
    }

    /** {@code namespace/name: problem} for every object that cannot be routed. */
    public List<String> errors() {
        return List.copyOf(errors.values());
    }

    /** The object's {@code status} as the API server has it (missing when there is none). */
    JsonNode status(String name) {
        GenericKubernetesResource r = objects.get(name);
        return r == null ? MissingNode.getInstance()
                : client.getKubernetesSerialization().convertValue(r, JsonNode.class).path("status");
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }

    private void put(GenericKubernetesResource r) {
        String name = r.getMetadata().getName();
        objects.put(name, r);
        try {
            JsonNode tree = client.getKubernetesSerialization().convertValue(r, JsonNode.class);
            parsed.put(name, parser.apply(namespace + "/" + name, tree));
            errors.remove(name);
        } catch (InvalidSpecException e) {
            parsed.remove(name);
            errors.put(name, e.getMessage());
            LOG.warnf("not routed: %s", e.getMessage());
        }
    }

    private void remove(GenericKubernetesResource r) {
        String name = r.getMetadata().getName();
        objects.remove(name);
        parsed.remove(name);
        errors.remove(name);
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
