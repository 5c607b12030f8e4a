package dev.augur.gateway.api.rest;

import dev.augur.catalog.ServiceCatalog;
import dev.augur.gateway.console.ConsoleJson;
import dev.augur.server.rest.Responses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /augur/services}: what runs where, for {@code ./augur status} and people. Not a data-plane API; the
 * console's service table without the specs, so it is written by {@link ConsoleJson}.
 */
@Path("/augur/services")
public class ServicesResource {
    private final ServiceCatalog catalog;

    public ServicesResource(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public Response services() {
        return Responses.json(ConsoleJson.services(catalog.status()));
    }
}
