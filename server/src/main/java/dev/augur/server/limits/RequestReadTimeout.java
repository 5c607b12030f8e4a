package dev.augur.server.limits;

import io.grpc.Status;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Bounds the time a REST request takes to arrive once its headers are in: a client that sends part of a body and
 * stops would otherwise hold its connection and the request's buffers until the idle timeout, and a few such clients
 * hold a server's memory. At {@code augur.server.limits.request-read-timeout} the request is answered 408 and its
 * stream (HTTP/2) or connection (HTTP/1.1) closed. gRPC calls are left out: a ModelStreamInfer request stays open for
 * the whole stream, and gRPC has its own deadlines.
 * <p>
 * Over HTTP/1.1 the connection's watch keeps the clock ({@link HeaderReadTimeout}: no timer per request); a request
 * it does not watch (HTTP/2, a connection accepted before the watch was installed) gets a timer of its own here.
 */
@Singleton
public class RequestReadTimeout {
    private final Vertx vertx;
    private final long millis;
    private final String message;

    public RequestReadTimeout(Vertx vertx, LimitsConfig config) {
        this.vertx = vertx;
        this.millis = config.requestReadTimeout().toMillis();
        this.message = "the request did not arrive in full within " + config.requestReadTimeout().toSeconds()
                + " s (augur.server.limits.request-read-timeout)";
    }

    /** Starts a timer for a request whose body is still to come; cancelled when the response ends. */
    void watch(RoutingContext rc) {
        HttpServerRequest r = rc.request();
        if (millis <= 0 || r.isEnded() || Refusals.isGrpc(r)) {
            return;
        }
        long timer = vertx.setTimer(millis, id -> refuse(r));
        rc.addEndHandler(done -> vertx.cancelTimer(timer));
    }

    /** The clock of a request the connection's watch times ran out (on the connection's event loop). */
    void expire(HttpServerRequest r) {
        if (Refusals.isGrpc(r)) {
            return;
        }
        if (r instanceof HttpServerRequestInternal internal) {
            // On the request's own Vert.x context, as a timer of its own would have run.
            internal.context().runOnContext(v -> refuse(r));
        } else {
            refuse(r);
        }
    }

    private void refuse(HttpServerRequest r) {
        if (r.isEnded()) {
            return;
        }
        Refusals.refuse(r, 408, Status.Code.DEADLINE_EXCEEDED, message);
        if (r.version() != HttpVersion.HTTP_2) {
            r.connection().close();
        } else {
            r.response().reset();
        }
    }
}
