package dev.augur.gateway.cluster;

import dev.augur.catalog.CatalogStatus;
import dev.augur.catalog.Endpoint;
import dev.augur.catalog.Lease;
import dev.augur.catalog.ServiceCatalog;
import dev.augur.gateway.config.GatewayConfig;
import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceService;
import dev.augur.protocol.core.InferenceException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Cluster mode's catalog: InferenceServices from the API server, their components reached at the Services the
 * operator made, {@code <isvc>-<component>.<namespace>.svc.cluster.local:80} (h2c), in both deployment modes. The
 * platform does the rest: Knative splits canary traffic between revisions and its activator holds a request while
 * a component scales up from zero, so a lease is only an address. Built into the gateway with
 * {@code -Dquarkus.profile=cluster}, which also leaves local mode's catalog out (see application.properties).
 */
@ApplicationScoped
@IfBuildProfile("cluster")
public class ClusterCatalog implements ServiceCatalog {
    /** Knative (and standard mode's Services) listen on 80 and route h2c to the container's port. */
    static final int PORT = 80;

    private final KubernetesClient client;
    private final ClusterConfig config;
    private final Duration defaultTimeout;
    private volatile ClusterServices services;
    private volatile ClusterObjects<InferenceGraph> graphs;

    public ClusterCatalog(KubernetesClient client, ClusterConfig config, GatewayConfig gateway) {
        this.client = client;
        this.config = config;
        this.defaultTimeout = gateway.gateway().defaultTimeout();
    }

    void onStart(@Observes StartupEvent event) {
        String namespace = config.namespace().orElse(client.getNamespace());
        ClusterServices s = new ClusterServices(client, namespace);
        s.start();
        services = s;
        ClusterObjects<InferenceGraph> g = ClusterObjects.graphs(client, namespace);
        g.start();
        graphs = g;
    }

    void onStop(@Observes ShutdownEvent event) {
        ClusterServices s = services;
        if (s != null) {
            s.close();
        }
        ClusterObjects<InferenceGraph> g = graphs;
        if (g != null) {
            g.close();
        }
    }

    @Override
    public List<InferenceGraph> graphs() {
        ClusterObjects<InferenceGraph> g = graphs;
        return g == null ? List.of() : g.values();
    }

    @Override
    public List<InferenceService> services() {
        return services.services();
    }

    @Override
    public Optional<InferenceService> find(String name) {
        return services.find(name);
    }

    @Override
    public boolean runnable(InferenceService service, ComponentKind kind) {
        return service.component(kind).isPresent();
    }

    @Override
    public CompletableFuture<Lease> acquire(InferenceService service, ComponentKind kind) {
        Optional<Component> c = service.component(kind);
        if (c.isEmpty()) {
            return CompletableFuture.failedFuture(InferenceException.unavailable(service.name() + " has no "
                    + kind.field()));
        }
        return CompletableFuture.completedFuture(new Lease(endpoint(service, c.get()), () -> { }));
    }

    static Endpoint endpoint(InferenceService service, Component c, Duration defaultTimeout) {
        String name = c.qualifiedName(service.name());
        Duration timeout = c.timeout() == null ? defaultTimeout : Duration.ofSeconds(c.timeout());
        return new Endpoint(name, name, name + "." + service.namespace() + ".svc.cluster.local", PORT, timeout);
    }

    private Endpoint endpoint(InferenceService service, Component c) {
        return endpoint(service, c, defaultTimeout);
    }

    @Override
    public boolean ready() {
        ClusterServices s = services;
        return s != null && s.synced();
    }

    @Override
    public CatalogStatus status() {
        ClusterServices s = services;
        List<CatalogStatus.Service> list = s.services().stream().map(i -> new CatalogStatus.Service(i.name(),
                i.namespace(), i.source(), s.ready(i.name()), s.revisions(i.name()))).toList();
        List<String> errors = new java.util.ArrayList<>(s.errors());
        ClusterObjects<InferenceGraph> g = graphs;
        if (g != null) {
            errors.addAll(g.errors());
        }
        return new CatalogStatus(list, errors);
    }
}
