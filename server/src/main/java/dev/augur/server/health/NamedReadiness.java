package dev.augur.server.health;

import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Kubernetes readiness ({@code /q/health/ready}) answered by the same test as the service's {@code /v2/health/ready},
 * under one check name. A service's check extends it (with {@code @Readiness @Singleton}: a normal-scoped bean would need
 * a no-argument constructor for its proxy) and names its test.
 */
public abstract class NamedReadiness implements HealthCheck {
    /** The two answers, made once: a probe every few seconds need not build them again. */
    private final HealthCheckResponse up;
    private final HealthCheckResponse down;
    private final BooleanSupplier ready;

    protected NamedReadiness(String name, BooleanSupplier ready) {
        this.up = HealthCheckResponse.up(name);
        this.down = HealthCheckResponse.down(name);
        this.ready = ready;
    }

    @Override
    public HealthCheckResponse call() {
        return ready.getAsBoolean() ? up : down;
    }
}
