package dev.augur.server.rest;

import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.Failures;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/** Small builders for JSON byte bodies, and the one place a failure becomes a REST error response. */
public final class Responses {
    private static final Logger LOG = Logger.getLogger(Responses.class);

    private Responses() {
    }

    public static Response json(byte[] body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static Response json(int status, byte[] body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code {"error": "..."}} with the error table's status. */
    public static Response error(InferenceException e) {
        return json(ErrorTable.httpStatus(e.code()), V2JsonCodec.encodeError(e.getMessage()));
    }

    /** Any failure, unwrapped from its futures: an unexpected one is logged and answers 500, never a stack trace. */
    public static Response error(Throwable t) {
        Throwable cause = Failures.unwrap(t);
        if (!(cause instanceof InferenceException)) {
            LOG.error("unexpected failure", cause);
        }
        return error(Failures.toInference(cause, "internal error: "));
    }

    /** Parses the binary extension's header; a value that is not a non-negative integer is the client's error. */
    public static int headerLength(String value) {
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
