package dev.augur.gateway.security;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * The caller {@link SecurityFilter} verified, carried on the request's Vert.x duplicated context to where the service
 * is resolved ({@link Access}) and to the lists, so a credential is verified once per request. Every HTTP request and
 * gRPC call runs on its own duplicated context (Quarkus' REST and gRPC layers keep the request's); where none is
 * found (another thread, a Kafka record) the reader verifies the header itself, as before.
 */
final class Caller {
    private static final String PRINCIPAL = "augur.security.principal";
    private static final String TICKET = "augur.security.ticket";

    private Caller() {
    }

    static void admitted(Principal p, Quotas.Ticket ticket) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(PRINCIPAL, p);
            if (ticket != Quotas.FREE) {
                ContextLocals.put(TICKET, ticket);
            } else {
                ContextLocals.remove(TICKET);
            }
        }
    }

    /** The concurrency slot the filter took for this request, or null (none, or not on its context). */
    static Quotas.Ticket ticket() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        return ContextLocals.<Quotas.Ticket>get(TICKET).orElse(null);
    }

    /** The caller the filter admitted on this request, or null when this thread is not on its context. */
    static Principal current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        return ContextLocals.<Principal>get(PRINCIPAL).orElse(null);
    }
}
