package dev.augur.transformer.client;

import dev.augur.client.ComponentClient;
import dev.augur.client.Forwarded;
import dev.augur.client.Peer;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.telemetry.Tracing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transformer's predict step: one ModelInfer to its predictor through the shared {@link ComponentClient}
 * (channels on the calling event loop, the deadline, the connect-refused retry, failures in the error model).
 */
public final class PredictorClient implements AutoCloseable {
    private final ComponentClient client;
    private final Peer predictor;
    private final AtomicLong calls = new AtomicLong();

    public PredictorClient(String address, long timeoutMillis) {
        this(address, null, timeoutMillis, null);
    }

    /**
     * @param authority     the {@code :authority} to send, for an address that routes by host; null for the address
     * @param internalToken local mode's token, sent on every call (the predictor, or the gateway on its way); or null
     */
    public PredictorClient(String address, String authority, long timeoutMillis, String internalToken) {
        this.predictor = Peer.at("predictor", address, Duration.ofMillis(timeoutMillis), authority);
        this.client = new ComponentClient(Tracing.enabled() ? List.of(Tracing.PROPAGATION) : List.of(),
                internalToken);
    }

    public String address() {
        return predictor.address();
    }

    /** Calls made so far (tests use it to check a refused request never reached the predictor). */
    public long calls() {
        return calls.get();
    }


    /** One ModelInfer call; completes with an {@link dev.augur.protocol.core.InferenceException} on failure. */
    public CompletableFuture<InferenceResponse> infer(InferenceRequest request) {
        calls.incrementAndGet();
        return client.infer(predictor, Forwarded.NONE, null, request);
    }

    @Override
    public void close() {
        client.close();
    }
}
