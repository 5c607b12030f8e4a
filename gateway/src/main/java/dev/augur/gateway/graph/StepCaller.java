package dev.augur.gateway.graph;

import dev.augur.client.Forwarded;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Payload;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Target;
import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceService;
import dev.augur.isvc.ModelSpec;
import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Calls the target of one step with a JSON body, as KServe's router POSTs to a step's URL: an InferenceService
 * through the gateway's own {@link Router} (so its canary split, scale-from-zero wait and component deadline apply),
 * at KServe's URL for it ({@code /v1/models/<isvc>:predict}, or {@code /v2/models/<isvc>/infer} when its predictor's
 * {@code protocolVersion} is v2); a {@code serviceUrl} over HTTP/1.1 with the JDK client.
 */
@ApplicationScoped
public class StepCaller {
    private static final Logger LOG = Logger.getLogger(StepCaller.class);
    /** A step URL that cannot be reached answers like a proxy would: 502, so Soft and Hard still decide. */
    static final int UNREACHABLE = 502;

    private final Router router;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public StepCaller(Router router) {
        this.router = router;
    }

    CompletableFuture<StepAnswer> service(Exchange parent, InferenceGraph graph, String name, byte[] body) {
        Forwarded f = parent.forwarded();
        Exchange ex = Exchange.open(parent.protocol(), "POST", parent.path(), f.requestId(), f.traceparent(),
                f.authorization());
        try {
            Target t = router.step(ex, name, graph.namespace());
            boolean v2 = speaksV2(t.service());
            InferenceRequest request = v2 ? V2JsonCodec.decodeRequest(t.model(), null, body, -1)
                    : V1JsonCodec.decodeRequest(t.model(), body);
            return router.infer(ex, t, Payload.of(request), null).handle((r, error) -> error != null ? failed(error)
                    : new StepAnswer(200, v2 ? V2JsonCodec.encodeResponse(r, request).body()
                            : V1JsonCodec.encodeResponse(r)));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(e));
        }
    }

    CompletableFuture<StepAnswer> url(Exchange parent, String url, byte[] body, Duration timeout) {
        Forwarded f = parent.forwarded();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("content-type", "application/json").header(Forwarded.REQUEST_ID, f.requestId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (f.traceparent() != null) {
            b.header(Forwarded.TRACEPARENT, f.traceparent());
        }
        if (f.authorization() != null) {
            b.header(Forwarded.AUTHORIZATION, f.authorization());
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((r, error) -> error == null ? new StepAnswer(r.statusCode(), r.body())
                        : new StepAnswer(UNREACHABLE, V2JsonCodec.encodeError(url + " cannot be reached: "
                                + describe(error))));
    }

    /** KServe sends a step the protocol of its InferenceService: V2 only when the predictor says so. */
    static boolean speaksV2(InferenceService s) {
        ModelSpec m = s.predictor().model();
        return m != null && (m.protocolVersion() == ModelSpec.ProtocolVersion.V2
                || m.protocolVersion() == ModelSpec.ProtocolVersion.GRPC_V2);
    }

    /** The error table's status and {@code {"error": ...}}: what the service's own REST endpoint would answer. */
    static StepAnswer failed(Throwable t) {
        Throwable cause = Failures.unwrap(t);
        if (!(cause instanceof InferenceException)) {
            LOG.error("graph step failed unexpectedly", cause);
        }
        InferenceException e = Failures.toInference(cause, "internal error: ");
        return new StepAnswer(ErrorTable.httpStatus(e.code()), V2JsonCodec.encodeError(e.getMessage()));
    }

    private static String describe(Throwable t) {
        Throwable cause = Failures.unwrap(t);
        String m = cause.getMessage();
        return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
