package dev.augur.server.limits;

import io.vertx.ext.web.RoutingContext;

/**
 * A service's own per-request checks, run by {@link RequestLimits} inside its one route: after the header limits and
 * before the body limit, in the order the service gives. Each Vert.x filter is a route every request passes through
 * and costs about as much as a cheap check (route matching, {@code next()}, the router's bookkeeping), so a service
 * with several checks (the gateway: forwarded headers, security, routing by host, the gRPC ingress...) provides them
 * here, as one bean, instead of registering a filter per check. At most one bean of this type.
 */
public interface EdgeChecks {
    /**
     * Runs the checks in order. True: the request goes on (to the body limit, then the routes). False: a check took
     * the request: it answered it (a refusal), rerouted it, or handed it to another server; nothing else runs here.
     */
    boolean pass(RoutingContext rc);
}
