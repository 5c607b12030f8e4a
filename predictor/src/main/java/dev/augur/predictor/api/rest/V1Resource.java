package dev.augur.predictor.api.rest;

import dev.augur.predictor.service.DataPlane;
import dev.augur.protocol.InferenceRequest;
import dev.augur.protocol.V1JsonCodec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** KServe's V1 protocol: model list, model status and {@code :predict}. */
@Path("/v1/models")
public class V1Resource {
    private final DataPlane plane;

    public V1Resource(DataPlane plane) {
        this.plane = plane;
    }

    @GET
    public Response list() {
        return Responses.json(V1JsonCodec.encodeModelList(plane.modelNames()));
    }

    @GET
    @Path("{model}")
    public Response status(@PathParam("model") String model) {
        return Responses.json(V1JsonCodec.encodeModelStatus(model, plane.modelReady(model, null)));
    }

    @POST
    @Path("{model}:predict")
    public CompletionStage<Response> predict(@PathParam("model") String model, byte[] body) {
        InferenceRequest request = V1JsonCodec.decodeRequest(model, body == null ? new byte[0] : body);
        return plane.infer(request).thenApply(r -> Responses.json(V1JsonCodec.encodeResponse(r)));
    }
}
