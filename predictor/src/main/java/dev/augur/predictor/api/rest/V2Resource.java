package dev.augur.predictor.api.rest;

import dev.augur.predictor.service.DataPlane;
import dev.augur.server.rest.V2PlaneResource;
import jakarta.ws.rs.Path;

/** The Open Inference Protocol over REST on the predictor (the server module's resource over the data plane). */
@Path("/v2")
public class V2Resource extends V2PlaneResource {

    public V2Resource(DataPlane plane) {
        super(plane);
    }
}
