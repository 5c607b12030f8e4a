package dev.augur.predictor.api.rest;

import dev.augur.protocol.V2JsonCodec;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a declared body over {@code quarkus.http.limits.max-body-size} with the protocol's JSON error. Quarkus
 * refuses it too, one step later (route order -2), but with an empty body that clients cannot show.
 */
@ApplicationScoped
public class BodyLimit {
    private final long limit;
    private final byte[] body;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
        this.body = V2JsonCodec.encodeError("request body is larger than the limit of " + this.limit
                + " bytes (quarkus.http.limits.max-body-size)");
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && tooLarge(declared)) {
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(io.vertx.core.buffer.Buffer.buffer(body));
            } else {
                ctx.next();
            }
        });
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
