package dev.augur.transformer.api.rest;

import dev.augur.protocol.InferenceException;
import dev.augur.protocol.InferenceRequest;
import dev.augur.protocol.V1JsonCodec;
import dev.augur.protocol.V2JsonCodec;
import dev.augur.transformer.service.TransformerService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** The Open Inference Protocol over REST (with the binary extension) on the transformer. */
@Path("/v2")
public class V2Resource {
    private final TransformerService service;

    public V2Resource(TransformerService service) {
        this.service = service;
    }

    @GET
    public Response server() {
        return Responses.json(V2JsonCodec.encodeServerMetadata(service.serverMetadata()));
    }

    @GET
    @Path("health/live")
    public Response live() {
        return Responses.json(V2JsonCodec.encodeFlag("live", true));
    }

    @GET
    @Path("health/ready")
    public Response ready() {
        boolean ready = service.ready();
        return Responses.json(ready ? 200 : 503, V2JsonCodec.encodeFlag("ready", ready));
    }

    @GET
    @Path("models/{model}")
    public Response metadata(@PathParam("model") String model) {
        return Responses.json(V2JsonCodec.encodeModelMetadata(service.metadata(model, null)));
    }

    @GET
    @Path("models/{model}/ready")
    public Response modelReady(@PathParam("model") String model) {
        if (!service.modelReady(model)) {
            throw InferenceException.unavailable("model '" + model + "' is not ready");
        }
        return Responses.json(V1JsonCodec.encodeModelStatus(model, true));
    }

    @POST
    @Path("models/{model}/infer")
    public CompletionStage<Response> infer(@PathParam("model") String model,
            @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH) String headerLength, byte[] body) {
        return infer(model, null, headerLength, body);
    }

    @POST
    @Path("models/{model}/versions/{version}/infer")
    public CompletionStage<Response> infer(@PathParam("model") String model, @PathParam("version") String version,
            @HeaderParam(V2JsonCodec.HEADER_CONTENT_LENGTH) String headerLength, byte[] body) {
        InferenceRequest request = V2JsonCodec.decodeRequest(model, version, body == null ? new byte[0] : body,
                Responses.headerLength(headerLength));
        return service.infer(request).thenApply(response -> {
            V2JsonCodec.Encoded out = V2JsonCodec.encodeResponse(response, request);
            if (!out.binary()) {
                return Responses.json(out.body());
            }
            return Response.ok(out.body(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header(V2JsonCodec.HEADER_CONTENT_LENGTH, out.jsonLength()).build();
        });
    }
}
