package dev.augur.server.limits;

import io.grpc.Status;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Bounds the time a REST request takes to arrive once its headers are in: a client that sends part of a body and
 * stops would otherwise hold its connection and the request's buffers until the idle timeout, and a few such clients
 * hold a server's memory. At {@code augur.server.limits.request-read-timeout} the request is answered 408 and its
 * stream (HTTP/2) or connection (HTTP/1.1) closed. gRPC calls are left out: a ModelStreamInfer request stays open for
 * the whole stream, and gRPC has its own deadlines.
 */
@ApplicationScoped
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

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            watch(rc);
            rc.next();
        }, HeaderLimit.PRIORITY - 1);
    }

    /** Starts the clock for a request whose body is still to come; stopped when the response ends. */
    void watch(RoutingContext rc) {
        HttpServerRequest r = rc.request();
        if (r.isEnded() || Refusals.isGrpc(r) || millis <= 0) {
            return;
        }
        long timer = vertx.setTimer(millis, id -> {
            if (!r.isEnded()) {
                Refusals.refuse(r, 408, Status.Code.DEADLINE_EXCEEDED, message);
                if (r.version() != io.vertx.core.http.HttpVersion.HTTP_2) {
                    r.connection().close();
                } else {
                    r.response().reset();
                }
            }
        });
        rc.addEndHandler(done -> vertx.cancelTimer(timer));
    }
}
