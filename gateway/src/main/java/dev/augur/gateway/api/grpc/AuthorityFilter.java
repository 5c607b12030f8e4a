package dev.augur.gateway.api.grpc;

import io.vertx.core.http.HttpServerRequest;

/**
 * Carries a gRPC call's {@code :authority} into its metadata as {@value #HEADER}. The Vert.x gRPC server under
 * Quarkus (gRPC on the HTTP port) does not implement {@code ServerCall.getAuthority()}, and HTTP/2 pseudo-headers
 * never reach the metadata, yet routing by authority is how KServe's clients and components address a service
 * ({@code <isvc>.<namespace>.<domain>}) or one of its components ({@code <isvc>-predictor...}). Run by the gateway's
 * {@code api.Edge} on every gRPC call, before the gRPC ingress and Quarkus' gRPC route.
 */
public final class AuthorityFilter {
    /** Set by this filter only: a client's own value is replaced. */
    public static final String HEADER = "x-augur-authority";

    private AuthorityFilter() {
    }

    /** Copies the call's {@code :authority} into {@value #HEADER} (removes a client's own value when it has none). */
    public static void copy(HttpServerRequest r) {
        String authority = r.authority() == null ? null : r.authority().toString();
        if (authority == null) {
            r.headers().remove(HEADER);
        } else {
            r.headers().set(HEADER, authority);
        }
    }
}
