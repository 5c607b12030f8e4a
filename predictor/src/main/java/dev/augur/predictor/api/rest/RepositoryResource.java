package dev.augur.predictor.api.rest;

import dev.augur.predictor.service.DataPlane;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.rest.Responses;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The model repository extension: Triton's index, KServe's load and unload paths and answers. */
@Path("/v2/repository")
public class RepositoryResource {
    private final DataPlane plane;

    public RepositoryResource(DataPlane plane) {
        this.plane = plane;
    }

    @POST
    @Path("index")
    public Response index(byte[] body) {
        return Responses.json(V2JsonCodec.encodeIndex(plane.index(V2JsonCodec.decodeIndexReady(body))));
    }

    /** Loading reads files and builds sessions: a worker thread, never the event loop. */
    @POST
    @Blocking
    @Path("models/{model}/{action: load|unload}")
    public Response change(@PathParam("model") String model, @PathParam("action") String action) {
        if (action.equals("load")) {
            plane.load(model);
        } else {
            plane.unload(model);
        }
        return Responses.json(V2JsonCodec.encodeRepositoryAction(model, action));
    }
}
