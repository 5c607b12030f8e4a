package dev.augur.gateway.client;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.augur.catalog.Endpoint;
import dev.augur.proto.explain.AugurExplain.ExplainRequest;
import dev.augur.proto.explain.AugurExplain.ExplainResponse;
import dev.augur.proto.explain.ExplainerServiceGrpc;
import dev.augur.proto.explain.ExplainerServiceGrpc.ExplainerServiceFutureStub;
import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceFutureStub;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelReadyRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelReadyResponse;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.ErrorTable;
import dev.augur.protocol.InferenceException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractFutureStub;
import io.grpc.stub.ClientCalls;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The gateway's client of a component's {@code inference.GRPCInferenceService}: wraps the generated future stub
 * and owns the deadline (the component's {@code timeout}), the one safe retry and the mapping of gRPC failures
 * into the error model, each naming the component.
 */
@ApplicationScoped
public class InferenceClient {
    /**
     * Attempts for a call whose connection was refused: nothing reached the component, so repeating it cannot
     * run a request twice. Covers a component that just stopped listening (restarting, scaled down meanwhile).
     */
    static final int CONNECT_ATTEMPTS = 3;
    private static final long BACKOFF_MS = 25;

    private static final MethodDescriptor<Buffer, Buffer> INFER_BYTES = GRPCInferenceServiceGrpc
            .getModelInferMethod().toBuilder(BufferMarshaller.INSTANCE, BufferMarshaller.INSTANCE).build();

    private final ChannelPool channels;

    public InferenceClient(ChannelPool channels) {
        this.channels = channels;
    }

    public CompletableFuture<ModelInferResponse> infer(Endpoint endpoint, Forwarded headers,
            Deadline clientDeadline, ModelInferRequest request) {
        return call(endpoint, headers, clientDeadline, GRPCInferenceServiceGrpc::newFutureStub,
                GRPCInferenceServiceFutureStub::modelInfer, request);
    }

    /**
     * ModelInfer as bytes: the client's encoded message goes to the component and the component's encoded answer
     * comes back, neither decoded here (the gRPC ingress forwards what it received).
     */
    public CompletableFuture<Buffer> inferBytes(Endpoint endpoint, Forwarded headers, Deadline clientDeadline,
            Buffer request) {
        Deadline deadline = deadline(endpoint, clientDeadline);
        Channel channel = channels.channel(endpoint);
        CallOptions options = CallOptions.DEFAULT.withDeadline(deadline).withOption(Forwarded.OPTION, headers);
        CompletableFuture<Buffer> result = new CompletableFuture<>();
        attempt(endpoint, options, (o, q) -> ClientCalls.futureUnaryCall(channel.newCall(INFER_BYTES, o), q), request,
                deadline, 1, result);
        return result;
    }

    public CompletableFuture<ModelMetadataResponse> metadata(Endpoint endpoint, Forwarded headers,
            ModelMetadataRequest request) {
        return call(endpoint, headers, null, GRPCInferenceServiceGrpc::newFutureStub,
                GRPCInferenceServiceFutureStub::modelMetadata, request);
    }

    public CompletableFuture<ModelReadyResponse> ready(Endpoint endpoint, Forwarded headers,
            ModelReadyRequest request) {
        return call(endpoint, headers, null, GRPCInferenceServiceGrpc::newFutureStub,
                GRPCInferenceServiceFutureStub::modelReady, request);
    }

    /** An explanation from an explainer component. Not retried after it was sent: it may have cost many calls. */
    public CompletableFuture<ExplainResponse> explain(Endpoint endpoint, Forwarded headers, ExplainRequest request) {
        return call(endpoint, headers, null, ExplainerServiceGrpc::newFutureStub,
                ExplainerServiceFutureStub::explain, request);
    }

    /**
     * @param clientDeadline the deadline the caller already has (a gRPC client's), or null; the call gets the
     *                       earlier of it and the component's timeout
     */
    private <S extends AbstractFutureStub<S>, Q, R> CompletableFuture<R> call(Endpoint endpoint, Forwarded headers,
            Deadline clientDeadline, Function<Channel, S> stubs, BiFunction<S, Q, ListenableFuture<R>> rpc,
            Q request) {
        Deadline deadline = deadline(endpoint, clientDeadline);
        S stub = stubs.apply(channels.channel(endpoint))
                .withDeadline(deadline)
                .withOption(Forwarded.OPTION, headers);
        CompletableFuture<R> result = new CompletableFuture<>();
        attempt(endpoint, stub, rpc, request, deadline, 1, result);
        return result;
    }

    private static Deadline deadline(Endpoint endpoint, Deadline clientDeadline) {
        Deadline deadline = Deadline.after(endpoint.timeout().toNanos(), TimeUnit.NANOSECONDS);
        return clientDeadline == null ? deadline : deadline.minimum(clientDeadline);
    }

    private <S, Q, R> void attempt(Endpoint endpoint, S stub, BiFunction<S, Q, ListenableFuture<R>> rpc, Q request,
            Deadline deadline,
            int attempt, CompletableFuture<R> result) {
        Futures.addCallback(rpc.apply(stub, request), new FutureCallback<>() {
            @Override
            public void onSuccess(R value) {
                result.complete(value);
            }

            @Override
            public void onFailure(Throwable t) {
                if (attempt < CONNECT_ATTEMPTS && neverSent(t) && !deadline.isExpired()) {
                    Executor later = CompletableFuture.delayedExecutor(BACKOFF_MS << (attempt - 1),
                            TimeUnit.MILLISECONDS);
                    later.execute(() -> attempt(endpoint, stub, rpc, request, deadline, attempt + 1, result));
                    return;
                }
                result.completeExceptionally(failure(endpoint, t));
            }
        }, MoreExecutors.directExecutor());
    }

    /** UNAVAILABLE because the connection was refused: the request never left the gateway. */
    static boolean neverSent(Throwable t) {
        if (!(t instanceof StatusRuntimeException e) || e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
            return false;
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** A component's failure in the error model; the three a client cannot act on name the component. */
    static InferenceException failure(Endpoint endpoint, Throwable t) {
        if (!(t instanceof StatusRuntimeException e)) {
            return new InferenceException(ErrorCode.INTERNAL, "call to component '" + endpoint.component()
                    + "' failed: " + t.getClass().getSimpleName());
        }
        Status s = e.getStatus();
        String who = "component '" + endpoint.component() + "' (revision " + endpoint.revision() + " at "
                + endpoint.address() + ")";
        return switch (s.getCode()) {
            case UNAVAILABLE -> InferenceException.unavailable(who + " is unavailable: " + describe(s));
            case DEADLINE_EXCEEDED -> new InferenceException(ErrorCode.DEADLINE_EXCEEDED, who
                    + " did not answer within its deadline (timeout " + endpoint.timeout().toSeconds() + " s)");
            case CANCELLED -> new InferenceException(ErrorCode.UNAVAILABLE, who + " call was cancelled: "
                    + describe(s));
            default -> new InferenceException(ErrorTable.fromGrpc(s.getCode()), s.getDescription() == null
                    ? who + " failed with " + s.getCode() : s.getDescription());
        };
    }

    private static String describe(Status s) {
        if (s.getCause() instanceof ConnectException c) {
            return "connection refused";
        }
        return s.getDescription() != null ? s.getDescription()
                : s.getCause() != null ? s.getCause().getMessage() : s.getCode().name();
    }
}
