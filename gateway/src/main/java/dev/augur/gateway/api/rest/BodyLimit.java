package dev.augur.gateway.api.rest;

import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.ErrorTable;
import dev.augur.protocol.V2JsonCodec;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a REST body over {@code quarkus.http.limits.max-body-size} from its {@code Content-Length}, before it is
 * read, with 413 and {@code {"error": ...}}: the HTTP layer's own refusal has an empty body. (A chunked body without
 * a length still meets that limit, with the empty 413.) gRPC messages have their own limit and status.
 */
@ApplicationScoped
public class BodyLimit {
    private final long limit;
    private final Buffer body;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
        this.body = Buffer.buffer(V2JsonCodec.encodeError("request body is larger than the gateway's limit of "
                + this.limit + " bytes (quarkus.http.limits.max-body-size)"));
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && !isGrpc(rc.request().getHeader(HttpHeaders.CONTENT_TYPE)) && tooLong(length)) {
                rc.response().setStatusCode(ErrorTable.httpStatus(ErrorCode.PAYLOAD_TOO_LARGE))
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
            rc.next();
        }, 100);
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isGrpc(String contentType) {
        return contentType != null && contentType.startsWith("application/grpc");
    }
}
