package dev.augur.gateway.api.rest;

import dev.augur.gateway.service.Exchange;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.ErrorTable;
import dev.augur.protocol.InferenceException;
import dev.augur.protocol.V2JsonCodec;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/** Small builders for JSON byte bodies, and the one place a failure becomes a REST error response. */
final class Responses {
    private static final Logger LOG = Logger.getLogger(Responses.class);

    private Responses() {
    }

    static Response json(byte[] body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** An inference answer: also kept on the exchange for payload logging. */
    static Response answer(Exchange ex, byte[] body) {
        ex.responseBody(body);
        return json(body);
    }

    static Response json(int status, byte[] body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code {"error": "..."}} with the error table's status; never a stack trace. */
    static Response error(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        InferenceException e;
        if (cause instanceof InferenceException ie) {
            e = ie;
        } else {
            LOG.error("unexpected failure", cause);
            e = new InferenceException(ErrorCode.INTERNAL, "internal error: " + cause.getClass().getSimpleName());
        }
        return json(ErrorTable.httpStatus(e.code()), V2JsonCodec.encodeError(e.getMessage()));
    }

    /** Parses the binary extension's header; a value that is not a non-negative integer is the client's error. */
    static int headerLength(String value) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the offending value.
        }
        throw InferenceException.invalid(V2JsonCodec.HEADER_CONTENT_LENGTH + " must be a non-negative integer, got '"
                + value + "'");
    }
}
