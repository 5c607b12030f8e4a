package dev.augur.explainer.api.rest;

import dev.augur.explainer.client.PredictorClient;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.rest.Responses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * The Open Inference Protocol's health endpoints, which KServe's components all serve and the gateway's local
 * supervisor probes. Ready means the predictor (or the gateway in front of it) answers; liveness needs nothing.
 */
@Path("/v2/health")
public class HealthResource {
    private final PredictorClient predictor;

    public HealthResource(PredictorClient predictor) {
        this.predictor = predictor;
    }

    @GET
    @Path("live")
    public Response live() {
        return Responses.json(V2JsonCodec.encodeFlag("live", true));
    }

    @GET
    @Path("ready")
    public Response ready() {
        boolean ready = predictor.live();
        return Responses.json(ready ? 200 : 503, V2JsonCodec.encodeFlag("ready", ready));
    }
}
