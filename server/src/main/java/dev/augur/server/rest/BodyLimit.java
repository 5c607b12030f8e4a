package dev.augur.server.rest;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.ServerConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a REST body over {@code quarkus.http.limits.max-body-size} from its {@code Content-Length}, before it is
 * read, with 413 and {@code {"error": ...}}: the HTTP layer's own refusal, one step later, has an empty body that
 * clients cannot show. (A chunked body without a length still meets that limit, with the empty 413.) gRPC messages
 * have their own limit and status.
 */
@ApplicationScoped
public class BodyLimit {
    /** The filter's priority: ahead of Quarkus' own check. Filters that must run before this one use more. */
    public static final int PRIORITY = 100;

    private final long limit;
    private final Buffer body;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
            ServerConfig config) {
        this.limit = limit.asLongValue();
        this.body = Buffer.buffer(V2JsonCodec.encodeError("request body is larger than " + config.bodyLimitName()
                + " of " + this.limit + " bytes (quarkus.http.limits.max-body-size)"));
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (!isGrpc(rc.request().getHeader(HttpHeaders.CONTENT_TYPE)) && exceeds(length, limit)) {
                refuse(rc, body);
                return;
            }
            rc.next();
        }, PRIORITY);
    }

    /** Whether a declared {@code Content-Length} is over {@code limit}; a missing or malformed one is not. */
    public static boolean exceeds(String contentLength, long limit) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Ends the exchange with 413 and the JSON error, closing the connection: the unread body stays unread. */
    public static void refuse(RoutingContext rc, Buffer error) {
        rc.response().setStatusCode(ErrorTable.httpStatus(ErrorCode.PAYLOAD_TOO_LARGE))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(error);
    }

    private static boolean isGrpc(String contentType) {
        return contentType != null && contentType.startsWith("application/grpc");
    }
}
