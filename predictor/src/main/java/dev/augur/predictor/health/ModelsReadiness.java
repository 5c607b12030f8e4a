package dev.augur.predictor.health;

import dev.augur.predictor.service.DataPlane;
import dev.augur.server.health.NamedReadiness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Kubernetes readiness ({@code /q/health/ready}): the same answer as {@code /v2/health/ready}. */
@Readiness
@Singleton
public class ModelsReadiness extends NamedReadiness {
    public ModelsReadiness(DataPlane plane) {
        super("models", plane::ready);
    }
}
