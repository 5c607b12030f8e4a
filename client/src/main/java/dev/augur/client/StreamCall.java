package dev.augur.client;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import io.grpc.CallOptions;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;

/** A running {@code ModelStreamInfer} call; {@link #cancel()} stops it at the component too and reports nothing. */
public final class StreamCall implements ClientResponseObserver<ModelInferRequest, ModelStreamInferResponse> {
    private final ManagedChannel channel;
    private final Peer peer;
    private final StreamListener listener;
    private volatile ClientCallStreamObserver<ModelInferRequest> call;
    private volatile boolean cancelled;

    private StreamCall(ManagedChannel channel, Peer peer, StreamListener listener) {
        this.channel = channel;
        this.peer = peer;
        this.listener = listener;
    }

    static StreamCall start(ManagedChannel channel, Peer peer, Forwarded headers, Deadline deadline,
            ModelInferRequest request, StreamListener listener) {
        CallOptions options = CallOptions.DEFAULT.withOption(Forwarded.OPTION, headers)
                .withMaxOutboundMessageSize(Channels.MAX_MESSAGE);
        if (deadline != null) {
            options = options.withDeadline(deadline);
        }
        StreamCall observer = new StreamCall(channel, peer, listener);
        ClientCalls.asyncBidiStreamingCall(channel.newCall(GRPCInferenceServiceGrpc.getModelStreamInferMethod(),
                options), observer);
        observer.call.onNext(request);
        observer.call.onCompleted();
        return observer;
    }

    public void cancel() {
        cancelled = true;
        call.cancel("client went away", null);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ModelInferRequest> requestStream) {
        this.call = requestStream;
    }

    @Override
    public void onNext(ModelStreamInferResponse value) {
        if (!cancelled) {
            listener.response(value);
        }
    }

    @Override
    public void onError(Throwable t) {
        if (RetryPolicy.neverSent(t)) {
            Channels.refused(channel);
        }
        if (cancelled) {
            return;
        }
        listener.end(Failures.of(peer, t));
    }

    @Override
    public void onCompleted() {
        if (!cancelled) {
            listener.end(null);
        }
    }
}
