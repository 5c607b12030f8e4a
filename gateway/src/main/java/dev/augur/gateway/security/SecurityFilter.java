package dev.augur.gateway.security;

import dev.augur.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * The one door on the gateway's port, ahead of every other handler: REST (V1, V2, OpenAI, jobs, console data,
 * {@code /augur/*}, {@code /q/metrics}) and gRPC alike, since a gRPC call's {@code authorization} metadata is an
 * HTTP/2 header. Verifies the credential (401), checks the verb and the service the path or host names (403), takes
 * the credential's quota (429), and answers a refusal in the protocol's own form without reading the body. Probes
 * ({@code /q/health/*}) and the console's static files stay open. Run by the gateway's {@code api.Edge} ahead of the
 * body limit, the gRPC ingress and the host routing (a stranger learns nothing of them), and not at all when
 * security is off. The caller it admitted travels on with the request ({@link Caller}), so the gate and the lists do
 * not verify the credential again; its concurrency slot is returned as the answer is written ({@link Slot}).
 */
@Singleton
public class SecurityFilter {

    private final Authenticator authenticator;
    private final Access access;
    private final Quotas quotas = new Quotas();
    private final SecurityMetrics metrics;
    private final String domain;

    public SecurityFilter(Authenticator authenticator, Access access, SecurityMetrics metrics, GatewayConfig config) {
        this.authenticator = authenticator;
        this.access = access;
        this.metrics = metrics;
        this.domain = config.gateway().domain();
    }

    /** Whether requests are checked at all (security on). */
    public boolean enabled() {
        return authenticator.enabled();
    }

    /** Whether the request goes on (admitted, or open); false when it was refused here (answered). */
    public boolean pass(RoutingContext rc) {
        HttpServerRequest r = rc.request();
        Need need = Need.of(r, rc.normalizedPath(), domain);
        if (need.open()) {
            return true;
        }
        Principal p = null;
        Quotas.Ticket ticket;
        try {
            p = authenticator.authenticate(r.getHeader("authorization"));
            access.check(p, need.verb(), need.service());
            ticket = quotas.acquire(p);
        } catch (Denial d) {
            String remote = r.remoteAddress() == null ? null : r.remoteAddress().hostAddress();
            Audit.denied(d, p == null ? null : p.id(), need.verb(), need.service(), need.form().name().toLowerCase(
                    java.util.Locale.ROOT), r.path(), remote);
            metrics.record(p == null ? SecurityMetrics.ANONYMOUS : p.label(), SecurityMetrics.outcomeOf(d));
            Replies.send(r, need.form(), d);
            return false;
        }
        metrics.record(p.label(), SecurityMetrics.Outcome.ADMITTED);
        Caller.admitted(p, ticket);
        if (ticket != Quotas.FREE) {
            Slot.holdUntilAnswered(rc, ticket);
        }
        return true;
    }
}
