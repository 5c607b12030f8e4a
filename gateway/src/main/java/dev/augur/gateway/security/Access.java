package dev.augur.gateway.security;

import dev.augur.catalog.ServiceCatalog;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Gate;
import dev.augur.gateway.service.Protocol;
import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceService;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The grant check once routing knows the service: every protocol's exchange passes here (the Router before it looks
 * the service up, the gRPC graph entry), and so does the filter's check of a service the path names. Kafka records
 * are left to the broker's own SASL and ACLs. A grant by label reads the service's labels from the catalog; a name
 * that is no service has none, so it is refused exactly as a service outside the grant is.
 */
@Singleton
public class Access implements Gate {
    private final Authenticator authenticator;
    private final SecurityMetrics metrics;
    private final Grant.Labels labels;

    public Access(Authenticator authenticator, SecurityMetrics metrics, ServiceCatalog catalog) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        this.labels = name -> labelsOf(catalog, name);
    }

    @Override
    public void admit(Exchange ex, String service) {
        if (!authenticator.enabled() || ex.protocol() == Protocol.KAFKA) {
            return;
        }
        Verb verb = verbOf(ex.path());
        Principal p = null;
        try {
            p = caller(ex.forwarded().authorization());
            check(p, verb, service);
        } catch (Denial d) {
            Audit.denied(d, p == null ? null : p.id(), verb, service, ex.protocol().label(), ex.path(), null);
            metrics.record(p == null ? SecurityMetrics.ANONYMOUS : p.label(), SecurityMetrics.outcomeOf(d));
            throw d;
        }
    }

    @Override
    public Predicate<String> shown(String authorization, Listing listing) {
        if (!authenticator.enabled()) {
            return name -> true;
        }
        Principal p;
        try {
            p = caller(authorization);
        } catch (Denial d) {
            return name -> false; // not reached through the filter; shows nothing rather than everything
        }
        return shown(p, listing, labels);
    }

    /** Admin sees every entry; anyone else the services its grant covers for the list's verb. */
    static Predicate<String> shown(Principal p, Listing listing, Grant.Labels labels) {
        if (p.grant().admin()) {
            return name -> true;
        }
        Verb verb = listing == Listing.JOBS ? Verb.JOBS : Verb.INFER;
        return name -> p.grant().allows(verb, name, labels);
    }

    /** The caller the filter admitted on this request; verified from the header when it was not carried here. */
    private Principal caller(String authorization) {
        Principal p = Caller.current();
        return p != null ? p : authenticator.authenticate(authorization);
    }

    /** 403 unless the grant covers the verb (on the service, when one is named: by name, glob or labels). */
    public void check(Principal p, Verb verb, String service) {
        check(p, verb, service, labels);
    }

    static void check(Principal p, Verb verb, String service, Grant.Labels labels) {
        if (verb == null) {
            return;
        }
        boolean ok = service == null ? p.grant().allows(verb) : p.grant().allows(verb, service, labels);
        if (!ok) {
            String what = service == null ? "" : " on '" + service + "'";
            throw Denial.forbidden("this credential is not granted '" + verb.label() + "'" + what,
                    "not granted " + verb.label() + what);
        }
    }

    /** An InferenceService's labels, else a graph's of that name; none for a name that is neither. */
    static Map<String, String> labelsOf(ServiceCatalog catalog, String name) {
        return catalog.find(name).map(InferenceService::labels)
                .or(() -> catalog.graph(name).map(InferenceGraph::labels)).orElse(Map.of());
    }

    static Verb verbOf(String path) {
        if (path == null) {
            return Verb.INFER;
        }
        return path.endsWith(":explain") || path.endsWith("/explain") || path.endsWith("%3Aexplain")
                || path.endsWith("%3aexplain") ? Verb.EXPLAIN : Verb.INFER;
    }
}
