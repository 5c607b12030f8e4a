package dev.augur.server.rest;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.server.ServerConfig;
import dev.augur.server.limits.Refusals;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holds a REST body to {@code quarkus.http.limits.max-body-size}, answering a larger one with 413 and the JSON error
 * in the protocol's form ({@link ErrorForm}) naming the limit, never the HTTP layer's empty 413 that clients cannot
 * show. A declared {@code Content-Length} is checked before the body is read. A body without one (HTTP/1.1 chunked,
 * an HTTP/2 POST that did not declare its length) is read here, counted as it arrives: past the limit the request is
 * refused at once (the rest is not buffered), otherwise the body is kept in the routing context ({@link #BODY}) for
 * {@link PreReadBody} and Vert.x routes. Quarkus would otherwise meet the limit inside its input stream, long after
 * any filter, and end the response empty. gRPC messages have their own limit and status.
 */
@Singleton
public class BodyLimit {
    /**
     * The declared-length check, where a service has other filters ({@code RequestLimits} registers the checks):
     * ahead of Quarkus' own. Filters that must run before this one use more.
     */
    public static final int PRIORITY = 100;
    /** The counted read of a body without a length: after every filter that may refuse or reroute the request. */
    public static final int STREAM_PRIORITY = 5;
    /** Routing-context key of a body read here (a {@link Buffer}). */
    public static final String BODY = "augur.body";
    /** Routing-context key a filter ahead of this one sets on a request whose body has its own limit. */
    public static final String OWN_LIMIT = "augur.own-body-limit";

    private final long limit;
    private final String message;
    private final ErrorForm form;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
            ServerConfig config, ErrorForm form) {
        this.limit = limit.asLongValue();
        this.form = form;
        this.message = "request body is larger than " + config.bodyLimitName() + " of " + this.limit
                + " bytes (quarkus.http.limits.max-body-size)";
    }

    /**
     * Both checks in one handler, for a service where no other filter runs between them ({@code RequestLimits}
     * decides): a declared length first (one header lookup for nearly every request), then a body without one.
     */
    public void check(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            declared(rc, length);
        } else if (!unsent(rc.request())) {
            rc.next();
        } else {
            streamed(rc);
        }
    }

    /** Refuses a declared {@code Content-Length} over the limit, or passes the request on. */
    public void declared(RoutingContext rc) {
        declared(rc, rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
    }

    private void declared(RoutingContext rc, String length) {
        // The length first: a request within the limit (nearly all) costs no more.
        if (exceeds(length, limit) && !Refusals.isGrpc(rc.request()) && rc.get(OWN_LIMIT) == null) {
            refuse(rc, error(rc));
            return;
        }
        rc.next();
    }

    /** Reads and counts a body sent without a length (then passes the request on), or passes any other on at once. */
    public void streamed(RoutingContext rc) {
        HttpServerRequest r = rc.request();
        // Sized or bodiless first: most requests are, and that takes a header lookup or two.
        if (!unsized(r) || Refusals.isGrpc(r) || rc.get(OWN_LIMIT) != null || rc.get(BODY) != null) {
            rc.next();
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        long[] dropped = {0};
        r.handler(chunk -> {
            if (refused[0]) {
                // HTTP/1.1: the rest is read and dropped so the client is not cut off before it reads the 413, up
                // to as much again as the limit; a client that sends more is cut off.
                dropped[0] += chunk.length();
                if (dropped[0] > limit && r.version() != HttpVersion.HTTP_2) {
                    r.connection().close();
                }
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                refuse(rc, error(rc));
                return;
            }
            body.appendBuffer(chunk);
        });
        r.endHandler(v -> {
            if (!refused[0]) {
                rc.put(BODY, body);
                rc.next();
            } else if (r.version() != HttpVersion.HTTP_2) {
                r.connection().close();
            }
        });
        if ("100-continue".equalsIgnoreCase(r.getHeader(HttpHeaders.EXPECT))) {
            r.response().writeContinue();
        }
        r.resume();
    }

    /** A body still to come with no declared length: HTTP/1.1 chunked, or an HTTP/2 POST/PUT/PATCH without one. */
    static boolean unsized(HttpServerRequest r) {
        return r.getHeader(HttpHeaders.CONTENT_LENGTH) == null && unsent(r);
    }

    /** Of a request without a {@code Content-Length}: whether a body is still to come. */
    private static boolean unsent(HttpServerRequest r) {
        if (r.isEnded()) {
            return false;
        }
        if (r.version() == HttpVersion.HTTP_2) {
            HttpMethod m = r.method();
            return m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH;
        }
        return r.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private Buffer error(RoutingContext rc) {
        return Buffer.buffer(form.encode(rc.normalizedPath(), ErrorCode.PAYLOAD_TOO_LARGE, message));
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

    /**
     * Ends the exchange with 413 and the JSON error. Over HTTP/1.1 with {@code Connection: close}; over HTTP/2 the
     * stream is then reset (NO_ERROR, RFC 9113 8.1: "stop sending"), and the connection's other streams go on.
     */
    public static void refuse(RoutingContext rc, Buffer error) {
        HttpServerRequest r = rc.request();
        HttpServerResponse response = rc.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        boolean h2 = r.version() == HttpVersion.HTTP_2;
        response.setStatusCode(ErrorTable.httpStatus(ErrorCode.PAYLOAD_TOO_LARGE))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (!h2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(error).onComplete(written -> {
            if (h2 && !r.isEnded()) {
                try {
                    response.reset(0);
                } catch (IllegalStateException alreadyClosed) {
                    // The stream ended meanwhile: nothing left to stop.
                }
            }
        });
    }
}
