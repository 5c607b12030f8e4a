package dev.augur.explainer.api.rest;

import dev.augur.explainer.client.PredictorClient;
import dev.augur.server.rest.V2HealthResource;
import jakarta.ws.rs.Path;

/**
 * The Open Inference Protocol's health endpoints (the server module's), which the gateway's local supervisor probes.
 * Ready means the predictor (or the gateway in front of it) answers; liveness needs nothing.
 */
@Path("/v2")
public class HealthResource extends V2HealthResource {

    public HealthResource(PredictorClient predictor) {
        super(predictor::live);
    }
}
