package dev.augur.server.limits;

import dev.augur.server.rest.BodyLimit;
import io.grpc.Status;
import io.quarkus.vertx.http.runtime.filters.Filter;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

/**
 * Registers the limits every request meets before its route, as few Vert.x filters as the service allows: each
 * filter is a route every request passes through, and each route costs a request about as much as one of these
 * checks (route matching, and the HTTP server metrics told which route handled it). First, as soon as the headers
 * are in: the connection's header clock stops ({@link HeaderReadTimeout}), the header list is checked
 * ({@link HeaderLimit}: 431 or RESOURCE_EXHAUSTED), the clock of the body starts ({@link RequestReadTimeout}). Then
 * the body limit ({@link BodyLimit}): in the same handler where no other filter registers between the two (the
 * predictor, the transformer, the explainer), else as {@link BodyLimit}'s own two filters, at
 * {@link BodyLimit#PRIORITY} and {@link BodyLimit#STREAM_PRIORITY}, so the filters between them (the internal-token
 * check) still run before it. A service's own checks ({@link EdgeChecks}, the gateway's) run in the same handler,
 * between the header limits and the body limit, so a service with many checks still costs each request one route.
 */
@Singleton
public class RequestLimits {
    /** Ahead of every other filter, the internal-token check ({@code InternalAuth}, HeaderLimit's priority) included. */
    public static final int PRIORITY = HeaderLimit.PRIORITY + 10;
    /** This observer runs after every other one that registers filters, so it sees them all. */
    private static final int LAST = Integer.MAX_VALUE;

    private final HeaderReadTimeout headerRead;
    private final HeaderLimit headers;
    private final RequestReadTimeout requestRead;
    private final BodyLimit body;
    /** The service's own checks, or null. */
    private final EdgeChecks checks;

    public RequestLimits(HeaderReadTimeout headerRead, HeaderLimit headers, RequestReadTimeout requestRead,
            BodyLimit body, Instance<EdgeChecks> checks) {
        this.headerRead = headerRead;
        this.headers = headers;
        this.requestRead = requestRead;
        this.body = body;
        this.checks = checks.isResolvable() ? checks.get() : null;
    }

    void register(@Observes @Priority(LAST) Filters filters) {
        EdgeChecks own = checks;
        if (othersBetween(filters)) {
            filters.register(rc -> {
                if (headersPass(rc) && (own == null || own.pass(rc))) {
                    rc.next();
                }
            }, PRIORITY);
            filters.register(body::declared, BodyLimit.PRIORITY);
            filters.register(body::streamed, BodyLimit.STREAM_PRIORITY);
        } else if (own == null) {
            filters.register(rc -> {
                if (headersPass(rc)) {
                    body.check(rc);
                }
            }, PRIORITY);
        } else {
            filters.register(rc -> {
                if (headersPass(rc) && own.pass(rc)) {
                    body.check(rc);
                }
            }, PRIORITY);
        }
    }

    /** Whether a filter registered so far runs between the header checks and the body limit's last place. */
    static boolean othersBetween(Filters filters) {
        for (Filter f : filters.getFilters()) {
            if (f.getPriority() > BodyLimit.STREAM_PRIORITY && f.getPriority() < PRIORITY) {
                return true;
            }
        }
        return false;
    }

    /** The header-time limits; false when the request was refused (answered here). */
    private boolean headersPass(RoutingContext rc) {
        HttpServerRequest r = rc.request();
        boolean bodyTimed = headerRead.headersIn(r);
        String refused = headers.check(r);
        if (refused != null) {
            Refusals.refuse(r, 431, Status.Code.RESOURCE_EXHAUSTED, refused);
            return false;
        }
        if (!bodyTimed) {
            requestRead.watch(rc);
        }
        return true;
    }
}
