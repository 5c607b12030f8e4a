package dev.augur.gateway.api.rest;

import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Gate;
import dev.augur.gateway.service.Payload;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.Router;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.explain.ExplainJsonCodec;
import dev.augur.protocol.openai.OpenAiCodec;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.server.rest.Responses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** KServe's V1 protocol at the gateway: model list and status, {@code :predict} and {@code :explain}. */
@Path("/v1/models")
public class V1Resource {
    private final Router router;
    private final Ingress ingress;
    private final Gate gate;

    public V1Resource(Router router, Ingress ingress, Gate gate) {
        this.router = router;
        this.ingress = ingress;
        this.gate = gate;
    }

    @GET
    public CompletionStage<Response> list(@Context UriInfo uri, @Context HttpHeaders headers) {
        Exchange ex = ingress.open(Protocol.V1, "GET", uri, headers);
        // KServe's {"models": [...]} with OpenAI's list fields beside it: OpenAI clients with a base URL of /v1 read
        // this path too (docs/openai.md). A caller sees the services its grant covers.
        return ingress.run(ex, () -> CompletableFuture.completedFuture(Responses.json(
                OpenAiCodec.encodeModelsV1Compatible(router.modelNames(headers.getHeaderString(HttpHeaders.HOST))
                        .stream().filter(gate.shown(ex.forwarded().authorization(), Gate.Listing.MODELS)).toList(),
                        System.currentTimeMillis() / 1000))));
    }

    @GET
    @Path("{model}")
    public CompletionStage<Response> status(@PathParam("model") String model, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        Exchange ex = ingress.open(Protocol.V1, "GET", uri, headers);
        return ingress.route(ex, headers, model, t -> router.modelReady(ex, t, null)
                .thenApply(ready -> Responses.json(V1JsonCodec.encodeModelStatus(model, ready))));
    }

    @POST
    @Path("{model}:predict")
    public CompletionStage<Response> predict(@PathParam("model") String model, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        Exchange ex = ingress.open(Protocol.V1, "POST", uri, headers);
        ex.requestBody(body);
        return ingress.route(ex, headers, model, t -> {
            InferenceRequest request = V1JsonCodec.decodeRequest(t.model(), body == null ? new byte[0] : body);
            return router.infer(ex, t, Payload.of(request), null)
                    .thenApply(r -> Ingress.answer(ex, V1JsonCodec.encodeResponse(r)));
        });
    }

    @POST
    @Path("{model}:explain")
    public CompletionStage<Response> explain(@PathParam("model") String model, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        Exchange ex = ingress.open(Protocol.V1, "POST", uri, headers);
        return ingress.route(ex, headers, model, t -> router.explain(ex, t,
                ExplainJsonCodec.decodeV1(t.model(), body == null ? new byte[0] : body)).thenApply(Responses::json));
    }
}
