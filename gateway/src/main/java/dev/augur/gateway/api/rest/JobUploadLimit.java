package dev.augur.gateway.api.rest;

import dev.augur.gateway.config.JobsConfig;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.rest.BodyLimit;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Gives job uploads ({@code POST /augur/jobs/...}) their own, larger body limit ({@code augur.jobs.max-upload-size})
 * while every other route keeps {@code quarkus.http.limits.max-body-size}. Quarkus applies one limit to all routes:
 * it refuses a larger {@code Content-Length} outright, and otherwise hands the limit to the request's input stream
 * in the routing context. So, for uploads only, a check ahead of those ({@link #pass}, run by the gateway's
 * {@code api.Edge}) takes the length off the request (after checking it against the jobs limit), and a route of
 * upload paths only, after Quarkus' check, replaces the limit in the context: other requests pay for neither. The
 * body is still framed by the HTTP codec, which has already read the header; the upload is read as a stream either
 * way.
 */
@Singleton
public class JobUploadLimit {
    /** The routing-context key Quarkus REST's input stream reads its limit from. */
    static final String MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";
    private static final String UPLOAD = "augur.job-upload";
    private static final String PREFIX = "/augur/jobs/";
    /**
     * The route order of {@link #after}: just after Quarkus' body-size route (its
     * {@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2), where the filter it replaces ran (priority 1, order -1).
     */
    static final int AFTER_ORDER = -1;

    private final long limit;
    private final Buffer tooLarge;

    public JobUploadLimit(JobsConfig config) {
        this.limit = config.maxUploadSize().asLongValue();
        this.tooLarge = Buffer.buffer(V2JsonCodec.encodeError("the file is larger than the limit of " + limit
                + " bytes for batch jobs (augur.jobs.max-upload-size)"));
    }

    /** After Quarkus' own check, before the resource reads the body: upload paths only. */
    void register(@Observes Router router) {
        router.route(HttpMethod.POST, PREFIX + "*").order(AFTER_ORDER).handler(this::after);
    }

    /**
     * Before {@link BodyLimit} and Quarkus' own check: whether the request goes on (false when refused here). Any
     * request but an upload costs a method and a path comparison.
     */
    public boolean pass(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !rc.normalizedPath().startsWith(PREFIX)) {
            return true;
        }
        if (BodyLimit.exceeds(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH), limit)) {
            BodyLimit.refuse(rc, tooLarge);
            return false;
        }
        rc.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
        rc.put(UPLOAD, Boolean.TRUE);
        // Not read and counted by BodyLimit against the request limit: an upload is streamed, to its own limit.
        rc.put(BodyLimit.OWN_LIMIT, Boolean.TRUE);
        return true;
    }

    private void after(RoutingContext rc) {
        if (rc.get(UPLOAD) != null) {
            rc.put(MAX_REQUEST_SIZE_KEY, limit);
        }
        rc.next();
    }
}
