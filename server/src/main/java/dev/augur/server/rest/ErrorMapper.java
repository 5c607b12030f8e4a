package dev.augur.server.rest;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.v2.V2JsonCodec;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The REST side of the error table, for every service: each failure leaves as {@code {"error": "..."}} with the
 * table's status, never an empty body or a stack trace. A service whose wording of the HTTP layer's own refusals
 * differs maps {@link WebApplicationException} itself with a higher priority (the gateway's "no such endpoint").
 */
public class ErrorMapper {

    @ServerExceptionMapper
    public Response inference(InferenceException e) {
        return Responses.error(e);
    }

    @ServerExceptionMapper
    public Response completion(CompletionException e) {
        return Responses.error(e);
    }

    /** No route, wrong method, a body over the limit: the HTTP layer's status with its message. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Responses.json(status, V2JsonCodec.encodeError(e.getMessage() == null ? "HTTP " + status
                : e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return Responses.error(e);
    }
}
