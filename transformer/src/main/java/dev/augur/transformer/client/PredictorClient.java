package dev.augur.transformer.client;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.ErrorTable;
import dev.augur.protocol.GrpcCodec;
import dev.augur.protocol.InferenceException;
import dev.augur.protocol.InferenceRequest;
import dev.augur.protocol.InferenceResponse;
import dev.augur.telemetry.Tracing;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one wrapper of the predictor's V2 gRPC stub: long-lived HTTP/2 channels (one per Vert.x event loop that calls,
 * one shared by other threads; calls multiplex on them), a deadline on every call, gRPC's own retry of calls that failed with UNAVAILABLE before reaching the predictor, and failures
 * mapped back into the error model with {@link ErrorTable#fromGrpc}.
 */
public final class PredictorClient implements AutoCloseable {
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;
    private final ManagedChannel channel;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub stub;
    private final Map<EventLoop, GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub> onLoops =
            new ConcurrentHashMap<>();
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final String address;
    private final String authority;
    private final long timeoutMillis;
    private final AtomicLong calls = new AtomicLong();

    public PredictorClient(String address, long timeoutMillis) {
        this(address, null, timeoutMillis);
    }

    /** @param authority the {@code :authority} to send, for an address that routes by host; null for the address */
    public PredictorClient(String address, String authority, long timeoutMillis) {
        this.address = address;
        this.authority = authority;
        this.timeoutMillis = timeoutMillis;
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("predictor address '" + address + "' must be host:port");
        }
        this.channel = build(null);
        this.stub = stub(channel);
    }

    /**
     * A channel for the calling thread: the one running on the caller's Vert.x event loop when there is one (the
     * request is written and its answer read on the thread that serves the transformer's own client, without two
     * thread hand-offs per request), else the shared one on gRPC's own threads.
     */
    private GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub currentStub() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal c && c.isEventLoopContext()
                && c.nettyEventLoop() instanceof NioEventLoop loop && loop.inEventLoop()) {
            return onLoops.computeIfAbsent(loop, l -> stub(build(l)));
        }
        return stub;
    }

    private static GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub stub(ManagedChannel channel) {
        return GRPCInferenceServiceGrpc.newFutureStub(channel).withMaxOutboundMessageSize(MAX_MESSAGE);
    }

    private ManagedChannel build(EventLoop loop) {
        Map<String, Object> retry = Map.of("maxAttempts", 3.0, "initialBackoff", "0.05s", "maxBackoff", "0.5s",
                "backoffMultiplier", 2.0, "retryableStatusCodes", List.of("UNAVAILABLE"));
        Map<String, Object> config = Map.of("methodConfig", List.of(Map.of(
                "name", List.of(Map.of("service", "inference.GRPCInferenceService")), "retryPolicy", retry)));
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(address).usePlaintext()
                // The answer is handed to the pipeline at once: no need for grpc's own thread in between.
                .directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE)
                .defaultServiceConfig(config).enableRetry();
        if (authority != null) {
            builder.overrideAuthority(authority);
        }
        if (Tracing.enabled()) {
            builder.intercept(Tracing.PROPAGATION);
        }
        if (loop != null) {
            builder.eventLoopGroup(loop).channelType(NioSocketChannel.class);
        }
        ManagedChannel built = builder.build();
        if (loop != null) {
            channels.add(built);
        }
        return built;
    }

    public String address() {
        return address;
    }

    /** Calls made so far (tests use it to check a refused request never reached the predictor). */
    public long calls() {
        return calls.get();
    }

    /** One ModelInfer call; completes with an {@link InferenceException} on failure. */
    public CompletableFuture<InferenceResponse> infer(InferenceRequest request) {
        calls.incrementAndGet();
        CompletableFuture<InferenceResponse> result = new CompletableFuture<>();
        Futures.addCallback(currentStub().withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
                .modelInfer(GrpcCodec.encodeRequest(request)), new FutureCallback<ModelInferResponse>() {
                    @Override
                    public void onSuccess(ModelInferResponse r) {
                        try {
                            result.complete(GrpcCodec.decodeResponse(r));
                        } catch (RuntimeException e) {
                            result.completeExceptionally(new InferenceException(ErrorCode.INTERNAL,
                                    "the predictor's answer cannot be read: " + e.getMessage()));
                        }
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        result.completeExceptionally(map(t));
                    }
                }, MoreExecutors.directExecutor());
        return result;
    }

    private InferenceException map(Throwable t) {
        Status s = Status.fromThrowable(t);
        String description = s.getDescription() == null ? s.getCode().name() : s.getDescription();
        ErrorCode code = ErrorTable.fromGrpc(s.getCode());
        if (s.getCode() == Status.Code.UNAVAILABLE && s.getDescription() != null
                && !s.getDescription().contains("model")) {
            description = "predictor at " + address + " is unreachable: " + description;
        } else if (s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            description = "predictor at " + address + " did not answer within " + timeoutMillis + " ms";
        }
        return new InferenceException(code, description);
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdown);
        channel.shutdown();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
