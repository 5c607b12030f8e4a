package dev.augur.server;

import dev.augur.protocol.core.InternalToken;
import dev.augur.protocol.v2.V2JsonCodec;
import io.grpc.Status;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A component accepts calls from its gateway only: when {@code augur.server.internal-token} is set, every request
 * on the port (REST and gRPC share it) must carry that token in {@value InternalToken#HEADER}, or it is refused
 * before any route runs: 401 with {@code {"error": ...}} over REST, {@code UNAUTHENTICATED} over gRPC. The
 * {@code /q/health} probes stay open (Kubernetes and the supervisor probe them without credentials). Without a token
 * configured (a predictor run on its own, the gateway) the filter is not installed.
 *
 * <p>The client's own {@code authorization} header is neither read nor changed here: it travels on untouched.
 */
@ApplicationScoped
public class InternalAuth {
    /**
     * Ahead of every other filter but the header checks ({@code limits.RequestLimits}): a refused call learns
     * nothing, not even a body limit.
     */
    public static final int PRIORITY = 1000;

    private static final Logger LOG = Logger.getLogger(InternalAuth.class);
    static final String MESSAGE = "this component accepts calls from its gateway only: missing or wrong "
            + InternalToken.HEADER;
    private static final Buffer BODY = Buffer.buffer(V2JsonCodec.encodeError(MESSAGE));
    private static final String GRPC_STATUS = Integer.toString(Status.Code.UNAUTHENTICATED.value());
    private static final String GRPC_MESSAGE = MESSAGE.replace(" ", "%20");

    private final String token;

    public InternalAuth(ServerConfig config) {
        this.token = config.internalToken().filter(t -> !t.isBlank()).orElse(null);
    }

    void register(@Observes Filters filters) {
        if (token == null) {
            return;
        }
        LOG.info("calls need the gateway's internal token (augur.server.internal-token); /q/health stays open");
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        String presented = rc.request().getHeader(InternalToken.HEADER);
        if (InternalToken.matches(token, presented) || isProbe(rc.normalizedPath())) {
            rc.next();
            return;
        }
        HttpServerResponse response = rc.response();
        String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.startsWith("application/grpc")) {
            // Trailers-only: the status travels in the headers of an empty answer, as a gRPC server's refusal does.
            response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/grpc")
                    .putHeader("grpc-status", GRPC_STATUS).putHeader("grpc-message", GRPC_MESSAGE).end();
            return;
        }
        response.setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(BODY);
    }

    /** Kubernetes' and the supervisor's probes: {@code /q/health} and below, nothing else under {@code /q}. */
    static boolean isProbe(String path) {
        return path != null && (path.equals("/q/health") || path.startsWith("/q/health/"));
    }
}
