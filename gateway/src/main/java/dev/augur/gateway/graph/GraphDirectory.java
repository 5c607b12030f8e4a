package dev.augur.gateway.graph;

import dev.augur.catalog.CatalogStatus;
import dev.augur.catalog.ServiceCatalog;
import dev.augur.gateway.config.GatewayConfig;
import dev.augur.gateway.service.HostRouting;
import dev.augur.isvc.InferenceGraph;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The graphs the catalog holds, found by name or by KServe's graph host {@code <graph>.<namespace>.<domain>}, and
 * their readiness: a graph is ready when every InferenceService its steps name is (KServe's IG controller waits for
 * the same before it marks the router Ready).
 */
@Singleton
public class GraphDirectory {

    /** One graph for {@code augur status}: the services it waits for are listed in {@code waitingFor}. */
    public record Status(String name, String namespace, String source, String url, boolean ready,
            List<String> waitingFor) {
    }

    private final ServiceCatalog catalog;
    private final String domain;

    public GraphDirectory(ServiceCatalog catalog, GatewayConfig config) {
        this.catalog = catalog;
        this.domain = config.gateway().domain();
    }

    /** Whether any graph is defined: with none, the ingress paths skip graph routing at the cost of one check. */
    public boolean any() {
        return !catalog.graphs().isEmpty();
    }

    public Optional<InferenceGraph> find(String name) {
        return catalog.graph(name);
    }

    /** The graph a Host header addresses, if it names one of this catalog's graphs in its namespace. */
    public Optional<InferenceGraph> byHost(String host) {
        if (catalog.graphs().isEmpty()) {
            return Optional.empty();
        }
        return HostRouting.parse(host, domain).flatMap(h -> catalog.graph(h.service())
                .filter(g -> g.namespace().equals(h.namespace())));
    }

    public List<Status> status() {
        Map<String, Boolean> ready = new HashMap<>();
        for (CatalogStatus.Service s : catalog.status().services()) {
            ready.put(s.namespace() + "/" + s.name(), s.ready());
        }
        List<Status> out = new ArrayList<>();
        for (InferenceGraph g : catalog.graphs()) {
            List<String> waiting = g.serviceNames().stream()
                    .filter(n -> !ready.getOrDefault(g.namespace() + "/" + n, false)).toList();
            out.add(new Status(g.name(), g.namespace(), g.source(), url(g), waiting.isEmpty(), waiting));
        }
        return out;
    }

    /** KServe's graph URL. */
    public String url(InferenceGraph g) {
        return "http://" + g.name() + "." + g.namespace() + "." + domain;
    }
}
