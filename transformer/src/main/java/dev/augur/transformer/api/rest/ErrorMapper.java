package dev.augur.transformer.api.rest;

import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.InferenceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The REST side of the error table: every failure leaves as {@code {"error": "..."}} with the table's status. */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response inference(InferenceException e) {
        return Responses.error(e);
    }

    @ServerExceptionMapper
    public Response completion(CompletionException e) {
        if (e.getCause() instanceof InferenceException ie) {
            return Responses.error(ie);
        }
        return unexpected(e.getCause() == null ? e : e.getCause());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_ARGUMENT;
        };
        String message = e.getMessage() == null ? "HTTP " + status : e.getMessage();
        return Responses.json(status, dev.augur.protocol.V2JsonCodec.encodeError(message));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return Responses.error(new InferenceException(ErrorCode.INTERNAL, "internal error: "
                + e.getClass().getSimpleName()));
    }
}
