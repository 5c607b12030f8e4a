package dev.augur.gateway.graph;

import dev.augur.gateway.config.GatewayConfig;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.HostRouting;
import dev.augur.gateway.service.Gate;
import dev.augur.gateway.service.Router;
import dev.augur.isvc.InferenceGraph;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.graph.V2GraphCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * V2 gRPC {@code ModelInfer} addressed to an InferenceGraph ({@code model_name} = the graph, or the graph's
 * {@code :authority}): the message, decoded by the gRPC transport, is sent through the graph as V2 JSON (what its
 * steps speak) and the graph's V2 answer decoded for the transport to encode. Useful for graphs of V2 steps answering a V2 response (Sequence, Switch,
 * Splitter); an Ensemble's keyed object is not a V2 response and fails with INVALID_ARGUMENT saying so. A non-2xx
 * answer becomes the error table's status with the graph's body as the description.
 */
@ApplicationScoped
public class GraphGrpc {
    private final GraphDirectory graphs;
    private final GraphRouter router;
    private final String domain;
    private final Gate gate;

    public GraphGrpc(GraphDirectory graphs, GraphRouter router, GatewayConfig config, Gate gate) {
        this.graphs = graphs;
        this.gate = gate;
        this.router = router;
        this.domain = config.gateway().domain();
    }

    /** The graph a call addresses: by {@code :authority} when it is a routing host, else by model name. */
    public Optional<InferenceGraph> addressed(String authority, String model) {
        if (!graphs.any()) {
            return Optional.empty();
        }
        if (HostRouting.parse(authority, domain).isPresent()) {
            return graphs.byHost(authority);
        }
        return graphs.find(model);
    }

    /**
     * A ModelInfer for the graph, which the gRPC transports decode and encode: the caller is admitted before its
     * message is decoded (as before the catalog is read: a caller outside its grant learns nothing from it).
     */
    public CompletableFuture<InferenceResponse> infer(Exchange ex, InferenceGraph graph,
            Supplier<InferenceRequest> decode) {
        gate.admit(ex, graph.name());
        InferenceRequest request = decode.get();
        Router.graph(ex, graph.name());
        return router.run(ex, graph, V2GraphCodec.encodeRequest(request)).thenApply(a -> {
            if (a.status() < 200 || a.status() > 299) {
                throw new InferenceException(ErrorTable.fromHttp(a.status()), "InferenceGraph '" + graph.name()
                        + "' answered " + a.status() + ": " + new String(a.body(), StandardCharsets.UTF_8));
            }
            return V2GraphCodec.decodeResponse(graph.name(), a.body());
        });
    }
}
