package dev.augur.gateway.api.rest;

import dev.augur.server.rest.V1Path;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * V1's verbs follow a colon in the path ({@code /v1/models/iris:predict}); clients that percent-encode it
 * ({@code iris%3Apredict}, as some HTTP libraries do) reach KServe's server, which decodes paths before routing, so
 * they must reach this one too: JAX-RS matches the path as sent and would see no verb. The gateway routes by path
 * template ({@code {model}:predict}), so it reroutes the decoded path rather than parsing the verb itself.
 */
@ApplicationScoped
public class EncodedColon {

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (V1Path.hasEncodedColon(rc.request().path())) {
                rc.reroute(rc.request().method(), V1Path.decodeColon(rc.request().uri()));
                return;
            }
            rc.next();
        }, 110);
    }
}
