package dev.augur.gateway.graph;

/**
 * A failure of the router itself (no Switch step matched, a condition on something that is not JSON, an Ensemble
 * step that did not answer an object), as KServe's router returns an error from {@code routeStep}: it ends the whole
 * graph with KServe's {@code {"error": "Failed to process request", "cause": ...}}; the status is the failing node's
 * at the root, 500 once it passes through an enclosing node (KServe's {@code return nil, 500, err}).
 */
final class RoutingError extends RuntimeException {
    private final int status;

    RoutingError(int status, String cause) {
        super(cause, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
