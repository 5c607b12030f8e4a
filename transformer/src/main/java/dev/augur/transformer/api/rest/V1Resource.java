package dev.augur.transformer.api.rest;

import dev.augur.protocol.InferenceException;
import dev.augur.protocol.InferenceRequest;
import dev.augur.protocol.V1JsonCodec;
import dev.augur.transformer.service.TransformerService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** KServe's V1 protocol on the transformer, as KServe's transformer container serves it. */
@Path("/v1/models")
public class V1Resource {
    private final TransformerService service;

    public V1Resource(TransformerService service) {
        this.service = service;
    }

    @GET
    public Response list() {
        return Responses.json(V1JsonCodec.encodeModelList(List.of(service.modelName())));
    }

    @GET
    @Path("{model}")
    public Response status(@PathParam("model") String model) {
        return Responses.json(V1JsonCodec.encodeModelStatus(model, service.modelReady(model)));
    }

    /** {@code POST /v1/models/{model}:predict} (the colon may arrive percent-encoded). */
    @POST
    @Path("{target}")
    public CompletionStage<Response> call(@PathParam("target") String target, byte[] body) {
        int colon = target.lastIndexOf(':');
        String verb = colon < 0 ? "" : target.substring(colon + 1);
        String model = colon < 0 ? target : target.substring(0, colon);
        if (!verb.equals("predict")) {
            throw InferenceException.notFound("unknown V1 verb '" + verb + "' in '" + target
                    + "'; use /v1/models/{model}:predict");
        }
        InferenceRequest request = V1JsonCodec.decodeRequest(model, body == null ? new byte[0] : body);
        return service.infer(request).thenApply(r -> Responses.json(V1JsonCodec.encodeResponse(r)));
    }
}
