package dev.augur.catalog;

import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the gateway finds InferenceServices and reaches their components. Local mode implements it with a folder
 * of YAML files and a process supervisor; a Kubernetes implementation will read InferenceService objects and
 * address their Knative services instead. The router knows nothing else about the component lifecycle.
 */
public interface ServiceCatalog {

    /** Every service the gateway routes to, by name. */
    List<InferenceService> services();

    /** The service of that name, if any. */
    Optional<InferenceService> find(String name);

    /** Every InferenceGraph the gateway routes (the gateway is their router), by name. */
    default List<InferenceGraph> graphs() {
        return List.of();
    }

    /** The graph of that name, if any. */
    default Optional<InferenceGraph> graph(String name) {
        return graphs().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** Whether this catalog can run the component of that service (the router skips what cannot run). */
    boolean runnable(InferenceService service, ComponentKind kind);

    /**
     * Picks the revision of the component that serves the next request (the canary split) and makes sure it runs.
     * Completes when it is ready, waiting at most the activator timeout for one that is starting; fails with an
     * {@code InferenceException} (UNAVAILABLE) naming the component otherwise. The caller must
     * {@link Lease#release()} the lease when the request is over.
     */
    CompletableFuture<Lease> acquire(InferenceService service, ComponentKind kind);

    /** True when the catalog knows its services and the gateway can route (whether each service is up or not). */
    boolean ready();

    /** What runs where, for {@code augur status} and the service table. */
    CatalogStatus status();
}
