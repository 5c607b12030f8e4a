package dev.augur.gateway.security;

import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Gate;
import dev.augur.gateway.service.Protocol;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The grant check once routing knows the service: every protocol's exchange passes here (the Router before it looks
 * the service up, the gRPC graph entry). Kafka records are left to the broker's own SASL and ACLs.
 */
@ApplicationScoped
public class Access implements Gate {
    private final Authenticator authenticator;
    private final SecurityMetrics metrics;

    public Access(Authenticator authenticator, SecurityMetrics metrics) {
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    @Override
    public void admit(Exchange ex, String service) {
        if (!authenticator.enabled() || ex.protocol() == Protocol.KAFKA) {
            return;
        }
        Verb verb = verbOf(ex.path());
        Principal p = null;
        try {
            // Verified already by the filter; again here from the forwarded header (a hash lookup, or the token
            // cache) rather than carried through every transport.
            p = authenticator.authenticate(ex.forwarded().authorization());
            check(p, verb, service);
        } catch (Denial d) {
            Audit.denied(d, p == null ? null : p.id(), verb, service, ex.protocol().label(), ex.path(), null);
            metrics.record(p == null ? SecurityMetrics.ANONYMOUS : p.label(), SecurityMetrics.outcomeOf(d));
            throw d;
        }
    }

    /** 403 unless the grant covers the verb (on the service, when one is named). */
    static void check(Principal p, Verb verb, String service) {
        if (verb == null) {
            return;
        }
        boolean ok = service == null ? p.grant().allows(verb) : p.grant().allows(verb, service);
        if (!ok) {
            String what = service == null ? "" : " on '" + service + "'";
            throw Denial.forbidden("this credential is not granted '" + verb.label() + "'" + what,
                    "not granted " + verb.label() + what);
        }
    }

    static Verb verbOf(String path) {
        if (path == null) {
            return Verb.INFER;
        }
        return path.endsWith(":explain") || path.endsWith("/explain") || path.endsWith("%3Aexplain")
                || path.endsWith("%3aexplain") ? Verb.EXPLAIN : Verb.INFER;
    }
}
