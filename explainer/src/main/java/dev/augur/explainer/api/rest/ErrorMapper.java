package dev.augur.explainer.api.rest;

import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.ErrorTable;
import dev.augur.protocol.InferenceException;
import dev.augur.protocol.V2JsonCodec;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The REST side of the error table: every failure leaves as {@code {"error": "..."}} with the table's status. */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response inference(InferenceException e) {
        return error(ErrorTable.httpStatus(e.code()), e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return error(status, e.getMessage() == null ? "HTTP " + status : e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return error(ErrorTable.httpStatus(ErrorCode.INTERNAL), "internal error: " + e.getClass().getSimpleName());
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(V2JsonCodec.encodeError(message)).type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
