package dev.augur.gateway.api.rest;

import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.rest.Responses;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The gateway's wording of the HTTP layer's own refusals (no route matched, a body over the limit), ahead of the
 * server module's mapper (a lower priority value wins): a client of the edge is told which hop refused. Every other
 * failure is mapped by the server module's {@code ErrorMapper}, as in every service.
 */
public class ErrorMapper {

    @ServerExceptionMapper(priority = Priorities.USER - 1)
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "no such endpoint";
            case 413 -> "request body is larger than the gateway's limit (quarkus.http.limits.max-body-size)";
            default -> e.getMessage() == null ? "HTTP " + status : e.getMessage();
        };
        return Responses.json(status, V2JsonCodec.encodeError(message));
    }
}
