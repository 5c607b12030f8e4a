package dev.augur.predictor.api.rest;

import dev.augur.predictor.service.DataPlane;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.InferenceException;
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

    /**
     * {@code POST /v1/models/{model}:predict}. The verb is split off here rather than in the path template because
     * clients may percent-encode the colon, and the decoded segment is the same either way.
     */
    @POST
    @Path("{target}")
    public CompletionStage<Response> call(@PathParam("target") String target, byte[] body) {
        int colon = target.lastIndexOf(':');
        String verb = colon < 0 ? "" : target.substring(colon + 1);
        String model = colon < 0 ? target : target.substring(0, colon);
        if (verb.equals("explain")) {
            throw new InferenceException(ErrorCode.UNIMPLEMENTED, "the predictor does not explain; send :explain "
                    + "to the gateway, which routes it to the InferenceService's explainer");
        }
        if (!verb.equals("predict")) {
            throw InferenceException.notFound("unknown V1 verb '" + verb + "' in '" + target
                    + "'; use /v1/models/{model}:predict");
        }
        InferenceRequest request = V1JsonCodec.decodeRequest(model, body == null ? new byte[0] : body);
        return plane.infer(request).thenApply(r -> Responses.json(V1JsonCodec.encodeResponse(r)));
    }
}
