package dev.augur.server.rest;

import dev.augur.protocol.v2.V2JsonCodec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.function.BooleanSupplier;

/**
 * The Open Inference Protocol's health endpoints ({@code /v2/health/live}, {@code /v2/health/ready}), which KServe's
 * components all serve and the local supervisor probes; {@link V2ServerResource} adds the server's metadata.
 * Liveness never calls another service.
 */
public abstract class V2HealthResource {
    private final BooleanSupplier ready;

    protected V2HealthResource(BooleanSupplier ready) {
        this.ready = ready;
    }

    @GET
    @Path("health/live")
    public Response live() {
        return Responses.json(V2JsonCodec.encodeFlag("live", true));
    }

    @GET
    @Path("health/ready")
    public Response ready() {
        boolean answer = ready.getAsBoolean();
        return Responses.json(answer ? 200 : 503, V2JsonCodec.encodeFlag("ready", answer));
    }
}
