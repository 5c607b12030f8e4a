package dev.augur.operator.health;

import dev.augur.operator.service.OperatorLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once JOSDK runs and its informers are healthy (the API server reachable, the CRD installed). */
@Readiness
@ApplicationScoped
public class OperatorReadiness implements HealthCheck {
    private final OperatorLifecycle lifecycle;

    public OperatorReadiness(OperatorLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("operator").status(lifecycle.healthy()).build();
    }
}
