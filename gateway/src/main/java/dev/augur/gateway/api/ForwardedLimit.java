package dev.augur.gateway.api;

import dev.augur.client.Forwarded;
import dev.augur.server.limits.HeaderLimit;
import dev.augur.server.limits.Refusals;
import io.grpc.Status;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;

/**
 * Refuses, at the edge and for every protocol, a forwarded header ({@code x-request-id}, {@code traceparent},
 * {@code authorization}) that {@link Forwarded} would not pass on: over its bound or outside printable ASCII. 400 with
 * the JSON error naming the header, INVALID_ARGUMENT for a gRPC call. Such a value used to be dropped on the way to
 * the component but still echoed back ({@code x-request-id}) and logged, so the client learnt nothing, or learnt it
 * from its own gRPC library refusing the echoed header. Run by {@link Edge}: after the server module's header limits
 * ({@link HeaderLimit}), before security, routing and the gRPC ingress.
 */
@Singleton
public class ForwardedLimit {

    /** Whether the request goes on; false when it was refused here (answered). */
    boolean pass(HttpServerRequest r) {
        String refused = check(r, Forwarded.REQUEST_ID, Forwarded.MAX_REQUEST_ID);
        if (refused == null) {
            refused = check(r, Forwarded.TRACEPARENT, Forwarded.MAX_TRACEPARENT);
        }
        if (refused == null) {
            refused = check(r, Forwarded.AUTHORIZATION, Forwarded.MAX_AUTHORIZATION);
        }
        if (refused != null) {
            Refusals.refuse(r, 400, Status.Code.INVALID_ARGUMENT, refused);
            return false;
        }
        return true;
    }

    /** Why the header is refused, or null when it is absent or forwardable. */
    static String check(HttpServerRequest r, String name, int max) {
        String value = r.getHeader(name);
        if (value == null || value.isEmpty() || Forwarded.forwardable(value, max)) {
            return null;
        }
        return "header '" + name + "' must be at most " + max + " printable ASCII characters (got "
                + value.length() + ")";
    }
}
