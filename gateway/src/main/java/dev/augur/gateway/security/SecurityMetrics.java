package dev.augur.gateway.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code augur_security_requests_total{key,outcome}}: per credential, how many requests were admitted or refused and
 * why. {@code key} is a key id from the keys file, {@code jwt} for every token subject, {@code anonymous} when no
 * credential verified: a bounded label set that never holds a secret.
 */
@ApplicationScoped
public class SecurityMetrics {
    static final String ANONYMOUS = "anonymous";

    /** Why a request was admitted or refused. */
    enum Outcome {
        ADMITTED, UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, CONCURRENCY_LIMITED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();

    public SecurityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String key, Outcome outcome) {
        counters.computeIfAbsent(key, this::create)[outcome.ordinal()].increment();
    }

    private Counter[] create(String key) {
        Outcome[] all = Outcome.values();
        Counter[] c = new Counter[all.length];
        for (Outcome o : all) {
            c[o.ordinal()] = Counter.builder("augur_security_requests").description(
                    "Requests per credential, admitted or refused by authentication, authorization or quota")
                    .tag("key", key).tag("outcome", o.label()).register(registry);
        }
        return c;
    }

    static Outcome outcomeOf(Denial d) {
        return switch (d.code()) {
            case UNAUTHENTICATED -> Outcome.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Outcome.FORBIDDEN;
            default -> d.reason().startsWith("concurrency") ? Outcome.CONCURRENCY_LIMITED : Outcome.RATE_LIMITED;
        };
    }
}
