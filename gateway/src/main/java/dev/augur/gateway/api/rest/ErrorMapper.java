package dev.augur.gateway.api.rest;

import dev.augur.protocol.V2JsonCodec;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures outside the resources' own handling (no route matched, wrong method, body over the limit): still
 * {@code {"error": "..."}} with the right status, never an empty body or a stack trace.
 */
public class ErrorMapper {

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "no such endpoint";
            case 413 -> "request body is larger than the gateway's limit (quarkus.http.limits.max-body-size)";
            default -> e.getMessage() == null ? "HTTP " + status : e.getMessage();
        };
        return Responses.json(status, V2JsonCodec.encodeError(message));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return Responses.error(e);
    }
}
