package dev.augur.server.health;

import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Kubernetes readiness ({@code /q/health/ready}) answered by the same test as the service's {@code /v2/health/ready},
 * under one check name. A service's check extends it (with {@code @Readiness @ApplicationScoped}) and names its test.
 */
public abstract class NamedReadiness implements HealthCheck {
    private final String name;
    private final BooleanSupplier ready;

    protected NamedReadiness(String name, BooleanSupplier ready) {
        this.name = name;
        this.ready = ready;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(name).status(ready.getAsBoolean()).build();
    }
}
