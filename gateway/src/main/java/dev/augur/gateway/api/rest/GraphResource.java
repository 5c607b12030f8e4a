package dev.augur.gateway.api.rest;

import dev.augur.gateway.console.ConsoleJson;
import dev.augur.gateway.graph.GraphAnswer;
import dev.augur.gateway.graph.GraphDirectory;
import dev.augur.gateway.graph.GraphRouter;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.Router;
import dev.augur.isvc.InferenceGraph;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.graph.GraphJson;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.server.rest.Responses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletionStage;

/**
 * InferenceGraphs at the gateway: {@code POST /augur/graphs/{graph}} runs one (and so does any POST whose Host is
 * the graph's KServe URL, {@link GraphHost}); {@code GET /augur/graphs} lists them with their readiness for
 * {@code augur status}. The answer is the graph's body and status as KServe's router sends them, plus the
 * {@value GraphAnswer#TRACE_HEADER} header naming the steps that ran.
 */
@Path("/augur/graphs")
public class GraphResource {
    private final GraphDirectory graphs;
    private final GraphRouter router;
    private final Ingress ingress;

    public GraphResource(GraphDirectory graphs, GraphRouter router, Ingress ingress) {
        this.graphs = graphs;
        this.router = router;
        this.ingress = ingress;
    }

    @POST
    @Path("{graph}")
    public CompletionStage<Response> run(@PathParam("graph") String name, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        byte[] in = body == null ? new byte[0] : body;
        Exchange ex = ingress.open(V1JsonCodec.isV1(in) ? Protocol.V1 : Protocol.V2, "POST", uri, headers);
        ex.requestBody(in);
        return ingress.run(ex, () -> {
            InferenceGraph g = graphs.find(name).orElseThrow(() -> InferenceException.notFound(
                    "InferenceGraph '" + name + "' not found"));
            Router.graph(ex, g.name());
            return router.run(ex, g, in).thenApply(a -> {
                ex.responseBody(a.body());
                Response.ResponseBuilder r = Response.status(a.status()).entity(a.body())
                        .header(GraphAnswer.TRACE_HEADER, a.traceHeader());
                return (GraphJson.isJson(a.body()) ? r.type(MediaType.APPLICATION_JSON_TYPE) : r).build();
            });
        });
    }

    @GET
    public Response list() {
        return Responses.json(ConsoleJson.graphs(graphs.status()));
    }
}
