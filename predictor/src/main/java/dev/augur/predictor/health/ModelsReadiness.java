package dev.augur.predictor.health;

import dev.augur.predictor.service.DataPlane;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Kubernetes readiness ({@code /q/health/ready}): the same answer as {@code /v2/health/ready}. */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {
    private final DataPlane plane;

    public ModelsReadiness(DataPlane plane) {
        this.plane = plane;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("models").status(plane.ready()).build();
    }
}
