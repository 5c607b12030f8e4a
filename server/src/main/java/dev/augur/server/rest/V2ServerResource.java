package dev.augur.server.rest;

import dev.augur.protocol.core.ServerMetadata;
import dev.augur.protocol.v2.V2JsonCodec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The Open Inference Protocol's server endpoints ({@code GET /v2}, {@code /v2/health/live}, {@code /v2/health/ready}),
 * which answer for the server itself: {@link V2PlaneResource} extends it, and so does the gateway's V2 resource, which
 * routes the model endpoints instead. Liveness never calls another service.
 */
public abstract class V2ServerResource {
    private final Supplier<ServerMetadata> server;
    private final BooleanSupplier ready;

    protected V2ServerResource(Supplier<ServerMetadata> server, BooleanSupplier ready) {
        this.server = server;
        this.ready = ready;
    }

    @GET
    public Response server() {
        return Responses.json(V2JsonCodec.encodeServerMetadata(server.get()));
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
