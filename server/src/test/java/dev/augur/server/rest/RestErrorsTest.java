package dev.augur.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The REST column of the error table and the {@code {"error": "..."}} body KServe's servers answer. */
class RestErrorsTest {
    private final ErrorMapper mapper = new ErrorMapper();

    private static String body(Response r) {
        return new String((byte[]) r.getEntity(), StandardCharsets.UTF_8);
    }

    @Test
    void notReadyIs503WithTheErrorBody() {
        Response r = mapper.inference(InferenceException.unavailable("model 'iris' is not ready"));
        assertEquals(503, r.getStatus());
        assertEquals("{\"error\":\"model 'iris' is not ready\"}", body(r));
    }

    @Test
    void tooManyRequestsIs429() {
        assertEquals(429, mapper.inference(new InferenceException(ErrorCode.RESOURCE_EXHAUSTED, "full")).getStatus());
    }

    @Test
    void unimplementedIs501() {
        assertEquals(501, mapper.inference(new InferenceException(ErrorCode.UNIMPLEMENTED, "no")).getStatus());
    }

    @Test
    void aFailedFutureIsMappedByItsCause() {
        Response r = mapper.completion(new CompletionException(InferenceException.invalid("bad shape")));
        assertEquals(400, r.getStatus());
        assertEquals("{\"error\":\"bad shape\"}", body(r));
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsMessage() {
        Response r = mapper.unexpected(new IllegalStateException("secret"));
        assertEquals(500, r.getStatus());
        assertEquals("{\"error\":\"internal error: IllegalStateException\"}", body(r));
    }

    @Test
    void theHttpLayersRefusalKeepsItsStatus() {
        Response r = mapper.web(new NotFoundException());
        assertEquals(404, r.getStatus());
        assertEquals("{\"error\":\"HTTP 404 Not Found\"}", body(r));
    }

    @Test
    void binaryHeaderLengthIsANonNegativeInteger() {
        assertEquals(42, Responses.headerLength(" 42 "));
        assertEquals(-1, Responses.headerLength(null));
    }

    @Test
    void aNegativeBinaryHeaderLengthIsTheClientsError() {
        InferenceException e = assertThrows(InferenceException.class, () -> Responses.headerLength("-1"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefused() {
        assertTrue(BodyLimit.exceeds("65", 64));
        assertFalse(BodyLimit.exceeds("64", 64));
    }

    @Test
    void aMissingOrMalformedLengthIsLeftToTheHttpLayer() {
        assertFalse(BodyLimit.exceeds(null, 64));
        assertFalse(BodyLimit.exceeds("lots", 64));
    }
}
