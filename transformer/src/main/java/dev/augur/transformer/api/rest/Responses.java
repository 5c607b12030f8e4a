package dev.augur.transformer.api.rest;

import dev.augur.protocol.ErrorTable;
import dev.augur.protocol.InferenceException;
import dev.augur.protocol.V2JsonCodec;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Small builders for JSON byte bodies, shared by the V1 and V2 resources. */
final class Responses {
    private Responses() {
    }

    static Response json(byte[] body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response json(int status, byte[] body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response error(InferenceException e) {
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
