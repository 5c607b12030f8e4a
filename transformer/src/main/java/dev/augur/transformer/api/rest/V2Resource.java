package dev.augur.transformer.api.rest;

import dev.augur.server.rest.V2PlaneResource;
import dev.augur.transformer.service.TransformerService;
import jakarta.ws.rs.Path;

/** The Open Inference Protocol over REST (with the binary extension) on the transformer (the server module's). */
@Path("/v2")
public class V2Resource extends V2PlaneResource {

    public V2Resource(TransformerService service) {
        super(service);
    }
}
