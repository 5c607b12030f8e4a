package dev.augur.gateway.api.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * V1's verbs follow a colon in the path ({@code /v1/models/iris:predict}); clients that percent-encode it
 * ({@code iris%3Apredict}, as some HTTP libraries do) reach KServe's server, which decodes paths before routing, so
 * they must reach this one too: JAX-RS matches the path as sent and would see no verb.
 */
@ApplicationScoped
public class EncodedColon {
    static final String V1 = "/v1/models/";

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.request().path();
            if (path != null && path.startsWith(V1) && (path.contains("%3A") || path.contains("%3a"))) {
                rc.reroute(rc.request().method(), decoded(rc.request().uri()));
                return;
            }
            rc.next();
        }, 110);
    }

    static String decoded(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        String rest = query < 0 ? "" : uri.substring(query);
        return path.replace("%3A", ":").replace("%3a", ":") + rest;
    }
}
