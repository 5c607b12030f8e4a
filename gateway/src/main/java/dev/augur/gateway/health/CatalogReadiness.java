package dev.augur.gateway.health;

import dev.augur.catalog.ServiceCatalog;
import dev.augur.server.health.NamedReadiness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Kubernetes readiness ({@code /q/health/ready}): the same answer as {@code /v2/health/ready}. */
@Readiness
@Singleton
public class CatalogReadiness extends NamedReadiness {
    public CatalogReadiness(ServiceCatalog catalog) {
        super("inference-services", catalog::ready);
    }
}
