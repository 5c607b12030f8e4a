package dev.augur.explainer.health;

import dev.augur.explainer.client.PredictorClient;
import dev.augur.explainer.config.ExplainerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the predictor answers ServerLive (1 s deadline). Liveness does not depend on it. */
@Readiness
@ApplicationScoped
public class PredictorReadiness implements HealthCheck {
    private final PredictorClient predictor;
    private final String target;

    public PredictorReadiness(PredictorClient predictor, ExplainerConfig config) {
        this.predictor = predictor;
        this.target = config.predictor();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("predictor").status(predictor.live()).withData("target", target).build();
    }
}
