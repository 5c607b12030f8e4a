package dev.augur.gateway.api;

import dev.augur.gateway.api.grpc.AuthorityFilter;
import dev.augur.gateway.api.grpc.ModelInferIngress;
import dev.augur.gateway.api.rest.EncodedColon;
import dev.augur.gateway.api.rest.GraphHost;
import dev.augur.gateway.api.rest.JobUploadLimit;
import dev.augur.gateway.security.SecurityFilter;
import dev.augur.server.limits.EdgeChecks;
import dev.augur.server.limits.RequestLimits;
import io.quarkus.arc.Unremovable;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Every check the gateway makes on a request before its route, in one ordered chain that the server module's
 * {@link RequestLimits} runs in its single route, between the header limits and the body limit. They used to be a
 * Vert.x filter each (eight routes, nine with security on), and every route costs a request about as much as one of
 * these checks (issue 14: the gateway's REST throughput). The order is the filters' old one, so each request meets
 * the same refusals in the same order:
 * <ol>
 * <li>the header limits (431; {@link RequestLimits}, before this chain)</li>
 * <li>{@link ForwardedLimit}: forwarded headers over their bound (400 / INVALID_ARGUMENT)</li>
 * <li>{@link SecurityFilter} when security is on (401 / 403 / 429)</li>
 * <li>{@link JobUploadLimit}: a job upload's own limit (413), uploads only</li>
 * <li>{@link EncodedColon} and {@link GraphHost}: reroutes (the chain runs again for the new path)</li>
 * <li>gRPC only: {@link AuthorityFilter}, then {@link ModelInferIngress}, which takes plain ModelInfer calls</li>
 * <li>the body limit (413; {@link RequestLimits}, after this chain)</li>
 * </ol>
 * Checks that concern some requests only test that first (a method, a path prefix, the content type), so a REST
 * inference call pays a few comparisons for the checks that are not its own. Singletons throughout: no client proxy
 * between the route and a check.
 */
@Singleton
@Unremovable
public class Edge implements EdgeChecks {
    private final ForwardedLimit forwarded;
    /** Null when security is off. */
    private final SecurityFilter security;
    private final JobUploadLimit uploads;
    private final EncodedColon colon;
    private final GraphHost graphHost;
    private final ModelInferIngress modelInfer;

    public Edge(ForwardedLimit forwarded, SecurityFilter security, JobUploadLimit uploads, EncodedColon colon,
            GraphHost graphHost, ModelInferIngress modelInfer) {
        this.forwarded = forwarded;
        this.security = security.enabled() ? security : null;
        this.uploads = uploads;
        this.colon = colon;
        this.graphHost = graphHost;
        this.modelInfer = modelInfer;
    }

    @Override
    public boolean pass(RoutingContext rc) {
        HttpServerRequest r = rc.request();
        if (!forwarded.pass(r) || (security != null && !security.pass(rc)) || !uploads.pass(rc)
                || !colon.pass(rc)) {
            return false;
        }
        String type = r.getHeader("content-type");
        if (!graphHost.pass(rc, type)) {
            return false;
        }
        if (type != null && type.startsWith("application/grpc")) {
            AuthorityFilter.copy(r);
            return !modelInfer.take(r);
        }
        return true;
    }
}
