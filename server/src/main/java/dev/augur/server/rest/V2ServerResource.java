package dev.augur.server.rest;

import dev.augur.protocol.core.ServerMetadata;
import dev.augur.protocol.v2.V2JsonCodec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The Open Inference Protocol's server endpoints ({@code GET /v2} and the {@link V2HealthResource health} ones),
 * which answer for the server itself: {@link V2PlaneResource} extends it, and so does the gateway's V2 resource, which
 * routes the model endpoints instead.
 */
public abstract class V2ServerResource extends V2HealthResource {
    private final Supplier<ServerMetadata> server;

    protected V2ServerResource(Supplier<ServerMetadata> server, BooleanSupplier ready) {
        super(ready);
        this.server = server;
    }

    @GET
    public Response server() {
        return Responses.json(V2JsonCodec.encodeServerMetadata(server.get()));
    }
}
