package dev.augur.server.rest;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.server.InferencePlane;
import dev.augur.server.ModelFirst;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * KServe's V1 protocol over an {@link InferencePlane}: model list, model status and {@code :predict}. A service
 * registers it with a subclass annotated {@code @Path("/v1/models")} (a library class with a path would be served
 * by every service that depends on this module, the gateway included).
 */
public abstract class V1PlaneResource {
    private final InferencePlane plane;

    protected V1PlaneResource(InferencePlane plane) {
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
        V1Path path = V1Path.parse(target);
        if (!path.verb().equals("predict")) {
            throw unknownVerb(path, target);
        }
        InferenceRequest request = ModelFirst.decode(plane, path.model(), null,
                () -> V1JsonCodec.decodeRequest(path.model(), body == null ? new byte[0] : body));
        return plane.infer(request).thenApply(r -> Responses.json(V1JsonCodec.encodeResponse(r)));
    }

    /** The answer to a verb other than {@code predict}; a service that knows better says where to go. */
    protected InferenceException unknownVerb(V1Path path, String target) {
        return InferenceException.notFound("unknown V1 verb '" + path.verb() + "' in '" + target
                + "'; use /v1/models/{model}:predict");
    }
}
