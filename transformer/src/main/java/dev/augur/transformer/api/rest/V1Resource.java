package dev.augur.transformer.api.rest;

import dev.augur.server.rest.V1PlaneResource;
import dev.augur.transformer.service.TransformerService;
import jakarta.ws.rs.Path;

/** KServe's V1 protocol on the transformer, as KServe's transformer container serves it (the server module's). */
@Path("/v1/models")
public class V1Resource extends V1PlaneResource {

    public V1Resource(TransformerService service) {
        super(service);
    }
}
