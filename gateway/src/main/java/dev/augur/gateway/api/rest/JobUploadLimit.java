package dev.augur.gateway.api.rest;

import dev.augur.gateway.config.JobsConfig;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.rest.BodyLimit;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gives job uploads ({@code POST /augur/jobs/...}) their own, larger body limit ({@code augur.jobs.max-upload-size})
 * while every other route keeps {@code quarkus.http.limits.max-body-size}. Quarkus applies one limit to all routes:
 * it refuses a larger {@code Content-Length} outright, and otherwise hands the limit to the request's input stream
 * in the routing context. So, for uploads only, a filter ahead of those checks takes the length off the request
 * (after checking it against the jobs limit) and a filter after them replaces the limit in the context. The body is
 * still framed by the HTTP codec, which has already read the header; the upload is read as a stream either way.
 */
@ApplicationScoped
public class JobUploadLimit {
    /** The routing-context key Quarkus REST's input stream reads its limit from. */
    static final String MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";
    private static final String UPLOAD = "augur.job-upload";
    private static final String PREFIX = "/augur/jobs/";

    private final long limit;
    private final Buffer tooLarge;

    public JobUploadLimit(JobsConfig config) {
        this.limit = config.maxUploadSize().asLongValue();
        this.tooLarge = Buffer.buffer(V2JsonCodec.encodeError("the file is larger than the limit of " + limit
                + " bytes for batch jobs (augur.jobs.max-upload-size)"));
    }

    void register(@Observes Filters filters) {
        // Before BodyLimit and Quarkus' own check; after it, before the resource reads the body.
        filters.register(this::before, BodyLimit.PRIORITY + 10);
        filters.register(this::after, 1);
    }

    private void before(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !rc.normalizedPath().startsWith(PREFIX)) {
            rc.next();
            return;
        }
        if (BodyLimit.exceeds(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH), limit)) {
            BodyLimit.refuse(rc, tooLarge);
            return;
        }
        rc.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
        rc.put(UPLOAD, Boolean.TRUE);
        // Not read and counted by BodyLimit against the request limit: an upload is streamed, to its own limit.
        rc.put(BodyLimit.OWN_LIMIT, Boolean.TRUE);
        rc.next();
    }

    private void after(RoutingContext rc) {
        if (rc.get(UPLOAD) != null) {
            rc.put(MAX_REQUEST_SIZE_KEY, limit);
        }
        rc.next();
    }
}
