package dev.augur.gateway.api.rest;

import dev.augur.gateway.graph.GraphDirectory;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * KServe's graph URL: a POST whose Host is {@code <graph>.<namespace>.<domain>} goes to the graph whatever its path
 * ({@code /}, as KServe's clients send it, or a V1/V2 inference path), as KServe's router serves every path. Rerouted
 * to {@code /augur/graphs/<graph>}; with no graphs defined this costs one check per request. Run by the gateway's
 * {@code api.Edge}.
 */
@Singleton
public class GraphHost {
    static final String GRAPHS = "/augur/graphs/";

    private final GraphDirectory graphs;

    public GraphHost(GraphDirectory graphs) {
        this.graphs = graphs;
    }

    /**
     * Whether the request goes on; false when it was rerouted to its graph. {@code type} is the request's
     * {@code content-type} (the caller has looked it up already).
     */
    public boolean pass(RoutingContext rc, String type) {
        HttpServerRequest r = rc.request();
        // gRPC calls keep their path: ModelInfer addressed to a graph is routed by the gRPC ingress (GraphGrpc).
        if (r.method() != HttpMethod.POST || (type != null && type.startsWith("application/grpc"))
                || r.path().startsWith(GRAPHS) || !graphs.any()) {
            return true;
        }
        String host = r.getHeader("Host");
        if (host == null && r.authority() != null) {
            host = r.authority().toString();
        }
        var graph = graphs.byHost(host);
        if (graph.isPresent()) {
            rc.reroute(HttpMethod.POST, GRAPHS + graph.get().name());
            return false;
        }
        return true;
    }
}
