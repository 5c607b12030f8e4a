package dev.augur.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.augur.catalog.CatalogStatus;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.InferenceServiceParser;
import dev.augur.isvc.InvalidSpecException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jboss.logging.Logger;

/**
 * The InferenceServices of one namespace as the API server has them (Augur's CRD, {@code serving.augur.dev}),
 * kept current by an informer and read with {@code augur-isvc}'s parser, the one local mode uses for files. A spec
 * the parser refuses is not routed; its message is kept for the status page. Plain Java, so it is tested against
 * fabric8's mock API server without Quarkus.
 */
public final class ClusterServices implements AutoCloseable {
    static final ResourceDefinitionContext ISVC = new ResourceDefinitionContext.Builder()
            .withGroup("serving.augur.dev").withVersion("v1beta1").withKind("InferenceService")
            .withPlural("inferenceservices").withNamespaced(true).build();
    private static final Logger LOG = Logger.getLogger(ClusterServices.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, InferenceService> services = new ConcurrentSkipListMap<>();
    private final Map<String, String> errors = new ConcurrentSkipListMap<>();
    private final Map<String, GenericKubernetesResource> objects = new ConcurrentSkipListMap<>();
    private SharedIndexInformer<GenericKubernetesResource> informer;

    public ClusterServices(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Lists and starts watching; returns at once (see {@link #synced()}). */
    public void start() {
        informer = client.genericKubernetesResources(ISVC).inNamespace(namespace).inform(new Handler());
    }

    /** True once the first list has been read. */
    public boolean synced() {
        return informer != null && informer.hasSynced();
    }

    public String namespace() {
        return namespace;
    }

    public List<InferenceService> services() {
        return List.copyOf(services.values());
    }

    public Optional<InferenceService> find(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** {@code namespace/name: problem} for every object that cannot be routed. */
    public List<String> errors() {
        return List.copyOf(errors.values());
    }

    /** The service's {@code Ready} condition as the operator reports it. */
    public boolean ready(String name) {
        JsonNode status = status(name);
        for (JsonNode c : status.path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    /** Revisions and their traffic from the service's status ({@code status.components.*.traffic}). */
    public List<CatalogStatus.Revision> revisions(String name) {
        List<CatalogStatus.Revision> out = new ArrayList<>();
        JsonNode components = status(name).path("components");
        for (ComponentKind kind : ComponentKind.values()) {
            for (JsonNode t : components.path(kind.field()).path("traffic")) {
                out.add(new CatalogStatus.Revision(kind.field(), t.path("revisionName").asText(null),
                        t.path("latestRevision").asBoolean() ? "latest" : "previous", t.path("percent").asInt(),
                        -1, -1, null));
            }
        }
        return out;
    }

    private JsonNode status(String name) {
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
        String source = namespace + "/" + name;
        objects.put(name, r);
        try {
            JsonNode tree = client.getKubernetesSerialization().convertValue(r, JsonNode.class);
            services.put(name, InferenceServiceParser.parseObject(source, tree));
            errors.remove(name);
        } catch (InvalidSpecException e) {
            // Not routed: the operator reports the same message in the object's status.
            services.remove(name);
            errors.put(name, e.getMessage());
            LOG.warnf("not routed: %s", e.getMessage());
        }
    }

    private void remove(GenericKubernetesResource r) {
        String name = r.getMetadata().getName();
        objects.remove(name);
        services.remove(name);
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
