package dev.augur.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.catalog.CatalogStatus;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.InferenceServiceParser;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The InferenceServices of one namespace as the API server has them (Augur's CRD, {@code serving.augur.dev}),
 * kept current by an informer ({@link ClusterObjects}), with their readiness and traffic from the status the
 * operator writes.
 */
public final class ClusterServices extends ClusterObjects<InferenceService> {
    static final ResourceDefinitionContext ISVC = augurKind("v1beta1", "InferenceService", "inferenceservices");

    public ClusterServices(KubernetesClient client, String namespace) {
        super(client, namespace, ISVC, InferenceServiceParser::parseObject);
    }

    public List<InferenceService> services() {
        return values();
    }

    public Optional<InferenceService> find(String name) {
        return get(name);
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
}
