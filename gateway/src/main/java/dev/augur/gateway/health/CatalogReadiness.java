package dev.augur.gateway.health;

import dev.augur.catalog.ServiceCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Kubernetes readiness ({@code /q/health/ready}): the same answer as {@code /v2/health/ready}. */
@Readiness
@ApplicationScoped
public class CatalogReadiness implements HealthCheck {
    private final ServiceCatalog catalog;

    public CatalogReadiness(ServiceCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("inference-services").status(catalog.ready()).build();
    }
}
