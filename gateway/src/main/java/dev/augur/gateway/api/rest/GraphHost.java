package dev.augur.gateway.api.rest;

import dev.augur.gateway.graph.GraphDirectory;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * KServe's graph URL: a POST whose Host is {@code <graph>.<namespace>.<domain>} goes to the graph whatever its path
 * ({@code /}, as KServe's clients send it, or a V1/V2 inference path), as KServe's router serves every path. Rerouted
 * to {@code /augur/graphs/<graph>}; with no graphs defined this costs one check per request.
 */
@ApplicationScoped
public class GraphHost {
    static final String GRAPHS = "/augur/graphs/";

    private final GraphDirectory graphs;

    public GraphHost(GraphDirectory graphs) {
        this.graphs = graphs;
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String type = rc.request().getHeader("content-type");
            // gRPC calls keep their path: ModelInfer addressed to a graph is routed by the gRPC ingress (GraphGrpc).
            if (rc.request().method() == HttpMethod.POST && !rc.request().path().startsWith(GRAPHS)
                    && (type == null || !type.startsWith("application/grpc"))) {
                String host = rc.request().getHeader("Host");
                if (host == null && rc.request().authority() != null) {
                    host = rc.request().authority().toString();
                }
                var graph = graphs.byHost(host);
                if (graph.isPresent()) {
                    rc.reroute(HttpMethod.POST, GRAPHS + graph.get().name());
                    return;
                }
            }
            rc.next();
        }, 100);
    }
}
