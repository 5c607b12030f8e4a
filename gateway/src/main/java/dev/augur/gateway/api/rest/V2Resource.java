package dev.augur.gateway.api.rest;

import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Payload;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.Router;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.ServerMetadata;
import dev.augur.protocol.explain.ExplainJsonCodec;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.rest.Responses;
import dev.augur.server.rest.V2PlaneResource;
import dev.augur.server.rest.V2ServerResource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The Open Inference Protocol over REST at the gateway, with versions and the binary tensor extension. Server
 * endpoints answer for the gateway; model endpoints are routed to the addressed InferenceService.
 */
@Path("/v2")
public class V2Resource extends V2ServerResource {
    static final ServerMetadata SERVER = new ServerMetadata("augur-gateway", "0.1.0", List.of("binary_tensor_data"));

    private final Router router;
    private final Ingress ingress;

    /** The server endpoints answer for the gateway (the server module's); they are left out of the access log. */
    public V2Resource(Router router, Ingress ingress) {
        super(() -> SERVER, router::ready);
        this.router = router;
        this.ingress = ingress;
    }

    @GET
    @Path("models/{model}")
    public CompletionStage<Response> metadata(@PathParam("model") String model, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return metadata(model, null, uri, headers);
    }

    @GET
    @Path("models/{model}/versions/{version}")
    public CompletionStage<Response> metadata(@PathParam("model") String model,
            @PathParam("version") String version, @Context UriInfo uri, @Context HttpHeaders headers) {
        Exchange ex = ingress.open(Protocol.V2, "GET", uri, headers);
        return ingress.route(ex, headers, model, t -> router.metadata(ex, t, version)
                .thenApply(m -> Responses.json(V2JsonCodec.encodeModelMetadata(m))));
    }

    @GET
    @Path("models/{model}/ready")
    public CompletionStage<Response> modelReady(@PathParam("model") String model, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return modelReady(model, null, uri, headers);
    }

    @GET
    @Path("models/{model}/versions/{version}/ready")
    public CompletionStage<Response> modelReady(@PathParam("model") String model,
            @PathParam("version") String version, @Context UriInfo uri, @Context HttpHeaders headers) {
        Exchange ex = ingress.open(Protocol.V2, "GET", uri, headers);
        return ingress.route(ex, headers, model, t -> router.modelReady(ex, t, version).thenApply(ready -> {
            if (!ready) {
                throw InferenceException.unavailable("model '" + model + "' is not ready");
            }
            return Responses.json(V1JsonCodec.encodeModelStatus(model, true));
        }));
    }

    @POST
    @Path("models/{model}/infer")
    public CompletionStage<Response> infer(@PathParam("model") String model, @Context UriInfo uri,
            @Context HttpHeaders headers, @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH) String headerLength,
            byte[] body) {
        return infer(model, null, uri, headers, headerLength, body);
    }

    @POST
    @Path("models/{model}/versions/{version}/infer")
    public CompletionStage<Response> infer(@PathParam("model") String model, @PathParam("version") String version,
            @Context UriInfo uri, @Context HttpHeaders headers,
            @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH) String headerLength, byte[] body) {
        Exchange ex = ingress.open(Protocol.V2, "POST", uri, headers);
        ex.requestBody(body);
        return ingress.route(ex, headers, model, t -> {
            InferenceRequest request = V2JsonCodec.decodeRequest(t.model(), version,
                    body == null ? new byte[0] : body, Responses.headerLength(headerLength));
            return router.infer(ex, t, Payload.of(request), null).thenApply(response -> {
                V2JsonCodec.Encoded out = V2JsonCodec.encodeResponse(response, request);
                return out.binary() ? V2PlaneResource.inferred(out) : Ingress.answer(ex, out.body());
            });
        });
    }

    /** The V2-style explain: tensors in, the explainer's {@code {"explanations": ...}} document out. */
    @POST
    @Path("models/{model}/explain")
    public CompletionStage<Response> explain(@PathParam("model") String model, @Context UriInfo uri,
            @Context HttpHeaders headers, @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH) String headerLength,
            byte[] body) {
        return explain(model, null, uri, headers, headerLength, body);
    }

    @POST
    @Path("models/{model}/versions/{version}/explain")
    public CompletionStage<Response> explain(@PathParam("model") String model, @PathParam("version") String version,
            @Context UriInfo uri, @Context HttpHeaders headers,
            @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH) String headerLength, byte[] body) {
        Exchange ex = ingress.open(Protocol.V2, "POST", uri, headers);
        return ingress.route(ex, headers, model, t -> router.explain(ex, t, ExplainJsonCodec.decodeV2(t.model(),
                version, body == null ? new byte[0] : body, Responses.headerLength(headerLength)))
                .thenApply(Responses::json));
    }
}
