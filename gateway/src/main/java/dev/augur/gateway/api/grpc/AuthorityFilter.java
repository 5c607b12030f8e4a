package dev.augur.gateway.api.grpc;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Carries a gRPC call's {@code :authority} into its metadata as {@value #HEADER}. The Vert.x gRPC server under
 * Quarkus (gRPC on the HTTP port) does not implement {@code ServerCall.getAuthority()}, and HTTP/2 pseudo-headers
 * never reach the metadata, yet routing by authority is how KServe's clients and components address a service
 * ({@code <isvc>.<namespace>.<domain>}) or one of its components ({@code <isvc>-predictor...}).
 */
@ApplicationScoped
public class AuthorityFilter {
    /** Set by this filter only: a client's own value is replaced. */
    public static final String HEADER = "x-augur-authority";

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            HttpServerRequest r = rc.request();
            String type = r.getHeader("content-type");
            if (type != null && type.startsWith("application/grpc")) {
                String authority = r.authority() == null ? null : r.authority().toString();
                if (authority == null) {
                    r.headers().remove(HEADER);
                } else {
                    r.headers().set(HEADER, authority);
                }
            }
            rc.next();
        }, 100);
    }
}
