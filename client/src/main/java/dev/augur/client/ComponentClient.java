package dev.augur.client;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import dev.augur.proto.explain.ExplainerServiceGrpc;
import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelReadyRequest;
import dev.augur.proto.inference.GrpcPredictV2.ServerLiveRequest;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.explain.ExplainGrpcCodec;
import dev.augur.protocol.grpc.GrpcCodec;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptor;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one client of a component's gRPC services ({@code inference.GRPCInferenceService}, {@code
 * augur.ExplainerService}), used by the gateway, the transformer and the explainer. It owns the channels
 * ({@link Channels}: one per address and caller's event loop), the deadline of each call (the earlier of the
 * component's timeout and the caller's), the one retry ({@link RetryPolicy#CONNECT_REFUSED}), the forwarded headers
 * and their bounds ({@link Forwarded}), the 64 MiB message limit both ways and the wording of failures, which
 * complete the returned futures as {@link InferenceException}s.
 */
public final class ComponentClient implements AutoCloseable {
    private static final MethodDescriptor<Buffer, Buffer> INFER_BYTES = GRPCInferenceServiceGrpc
            .getModelInferMethod().toBuilder(BufferMarshaller.INSTANCE, BufferMarshaller.INSTANCE).build();


    private final Channels channels;
    private final RetryPolicy retry;

    /** @param interceptors run on every call after the forwarded headers are set (a service's trace propagation) */
    public ComponentClient(List<ClientInterceptor> interceptors) {
        this(interceptors, null);
    }

    /**
     * @param interceptors  run on every call after the forwarded headers are set (a service's trace propagation)
     * @param internalToken sent on every call as {@code x-augur-internal-token} (local mode's components require
     *                      it), beside the forwarded {@code authorization}; null to send none
     */
    public ComponentClient(List<ClientInterceptor> interceptors, String internalToken) {
        this(RetryPolicy.CONNECT_REFUSED, interceptors, internalToken);
    }

    ComponentClient(RetryPolicy retry, List<ClientInterceptor> interceptors) {
        this(retry, interceptors, null);
    }

    ComponentClient(RetryPolicy retry, List<ClientInterceptor> interceptors, String internalToken) {
        this.channels = new Channels(interceptors, internalToken);
        this.retry = retry;
    }

    /** Any unary call, its request and answer as the method's marshallers have them. */
    public <Q, R> CompletableFuture<R> call(Peer peer, Forwarded headers, Deadline callerDeadline,
            MethodDescriptor<Q, R> method, Q request) {
        Deadline deadline = deadline(peer, callerDeadline);
        var channel = channels.channel(peer);
        CallOptions o = options(headers, deadline);
        CompletableFuture<R> result = new CompletableFuture<>();
        attempt(peer, channel, () -> ClientCalls.futureUnaryCall(channel.newCall(method, o), request), deadline, 1,
                result);
        return result;
    }

    /**
     * ModelInfer as bytes: an encoded {@code ModelInferRequest} goes to the component and its encoded answer comes
     * back, neither decoded here (the gateway forwards what its client sent).
     */
    public CompletableFuture<Buffer> inferBytes(Peer peer, Forwarded headers, Deadline callerDeadline,
            Buffer request) {
        return call(peer, headers, callerDeadline, INFER_BYTES, request);
    }

    /** ModelInfer of a neutral request, encoded and decoded through {@link GrpcCodec}. */
    public CompletableFuture<InferenceResponse> infer(Peer peer, Forwarded headers, Deadline callerDeadline,
            InferenceRequest request) {
        ModelInferRequest wire = GrpcCodec.encodeRequest(request);
        return decoded(peer, call(peer, headers, callerDeadline, GRPCInferenceServiceGrpc.getModelInferMethod(),
                wire), GrpcCodec::decodeResponse);
    }

    /** A model's inputs and outputs (ModelMetadata), decoded through {@link GrpcCodec#decodeMetadata}. */
    public CompletableFuture<ModelMetadata> metadata(Peer peer, Forwarded headers, Deadline callerDeadline,
            String model, String version) {
        ModelMetadataRequest r = ModelMetadataRequest.newBuilder().setName(model)
                .setVersion(version == null ? "" : version).build();
        return decoded(peer, call(peer, headers, callerDeadline, GRPCInferenceServiceGrpc.getModelMetadataMethod(),
                r), GrpcCodec::decodeMetadata);
    }

    /** Whether a model is ready to serve (ModelReady). */
    public CompletableFuture<Boolean> ready(Peer peer, Forwarded headers, Deadline callerDeadline, String model,
            String version) {
        ModelReadyRequest r = ModelReadyRequest.newBuilder().setName(model)
                .setVersion(version == null ? "" : version).build();
        return call(peer, headers, callerDeadline, GRPCInferenceServiceGrpc.getModelReadyMethod(), r)
                .thenApply(response -> response.getReady());
    }

    /** An explainer's explanation of a neutral request: its {@code {"explanations": ...}} document as it wrote it. */
    public CompletableFuture<byte[]> explain(Peer peer, Forwarded headers, Deadline callerDeadline,
            InferenceRequest request) {
        return call(peer, headers, callerDeadline, ExplainerServiceGrpc.getExplainMethod(),
                ExplainGrpcCodec.encodeRequest(request)).thenApply(ExplainGrpcCodec::decodeDocument);
    }

    /** Whether the component answers at all (ServerLive): false for any failure, never an exception. */
    public CompletableFuture<Boolean> live(Peer peer, Deadline callerDeadline) {
        return call(peer, Forwarded.NONE, callerDeadline, GRPCInferenceServiceGrpc.getServerLiveMethod(),
                ServerLiveRequest.getDefaultInstance()).handle((r, error) -> error == null && r.getLive());
    }

    /**
     * One request on its own {@code ModelStreamInfer} call (a generation): sent and half-closed at once, the answers
     * handed to {@code listener} as they arrive. The component's timeout bounds the whole stream; a refused
     * connection is not retried here (the caller already holds the stream's listener).
     */
    public <R> StreamCall<R> stream(Peer peer, Forwarded headers, StreamRequest<R> request,
            StreamListener<R> listener) {
        return StreamCall.start(channels.channel(peer), peer, headers, deadline(peer, null), request, listener);
    }

    /** Closes the channels to an address that is gone (a revision scaled away). */
    public void forget(String host, int port) {
        channels.forget(host + ":" + port);
    }

    @Override
    public void close() {
        channels.close();
    }

    /** Every call's options: the forwarded headers, the message limit and the deadline (none when null). */
    static CallOptions options(Forwarded headers, Deadline deadline) {
        CallOptions options = CallOptions.DEFAULT.withOption(Forwarded.OPTION, headers)
                .withMaxOutboundMessageSize(Channels.MAX_MESSAGE);
        return deadline == null ? options : options.withDeadline(deadline);
    }

    private static Deadline deadline(Peer peer, Deadline callerDeadline) {
        if (peer.timeout() == null) {
            return callerDeadline;
        }
        Deadline own = Deadline.after(peer.timeout().toNanos(), TimeUnit.NANOSECONDS);
        return callerDeadline == null ? own : own.minimum(callerDeadline);
    }

    private <R> void attempt(Peer peer, ManagedChannel channel, Supplier<ListenableFuture<R>> rpc, Deadline deadline,
            int attempt, CompletableFuture<R> result) {
        Futures.addCallback(rpc.get(), new FutureCallback<>() {
            @Override
            public void onSuccess(R value) {
                result.complete(value);
            }

            @Override
            public void onFailure(Throwable t) {
                if (RetryPolicy.neverSent(t)) {
                    Channels.refused(channel);
                }
                if (retry.retries(t, attempt, deadline)) {
                    CompletableFuture.delayedExecutor(retry.backoffMs(attempt), TimeUnit.MILLISECONDS)
                            .execute(() -> attempt(peer, channel, rpc, deadline, attempt + 1, result));
                    return;
                }
                result.completeExceptionally(Failures.of(peer, t));
            }
        }, Runnable::run);
    }

    private static <R, T> CompletableFuture<T> decoded(Peer peer, CompletableFuture<R> answer,
            Function<R, T> decode) {
        return answer.thenApply(r -> {
            try {
                return decode.apply(r);
            } catch (InferenceException e) {
                throw e;
            } catch (RuntimeException e) {
                throw Failures.unreadable(peer, e);
            }
        });
    }
}
