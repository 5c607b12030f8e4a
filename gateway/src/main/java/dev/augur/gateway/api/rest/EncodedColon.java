package dev.augur.gateway.api.rest;

import dev.augur.server.rest.V1Path;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * V1's verbs follow a colon in the path ({@code /v1/models/iris:predict}); clients that percent-encode it
 * ({@code iris%3Apredict}, as some HTTP libraries do) reach KServe's server, which decodes paths before routing, so
 * they must reach this one too: JAX-RS matches the path as sent and would see no verb. The gateway routes by path
 * template ({@code {model}:predict}), so it reroutes the decoded path rather than parsing the verb itself. Run by the
 * gateway's {@code api.Edge}.
 */
@Singleton
public class EncodedColon {

    /** Whether the request goes on; false when it was rerouted to its decoded path. */
    public boolean pass(RoutingContext rc) {
        if (V1Path.hasEncodedColon(rc.request().path())) {
            rc.reroute(rc.request().method(), V1Path.decodeColon(rc.request().uri()));
            return false;
        }
        return true;
    }
}
