package dev.augur.client;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.Deadline;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import java.util.function.Function;

/** A running {@code ModelStreamInfer} call; {@link #cancel()} stops it at the component too and reports nothing. */
public final class StreamCall<R> implements ClientResponseObserver<ModelInferRequest, ModelStreamInferResponse> {
    private final ManagedChannel channel;
    private final Peer peer;
    private final StreamListener<R> listener;
    private final Function<ModelStreamInferResponse, R> answer;
    private volatile ClientCallStreamObserver<ModelInferRequest> call;
    private volatile boolean cancelled;

    private StreamCall(ManagedChannel channel, Peer peer, StreamListener<R> listener,
            Function<ModelStreamInferResponse, R> answer) {
        this.channel = channel;
        this.peer = peer;
        this.listener = listener;
        this.answer = answer;
    }

    static <R> StreamCall<R> start(ManagedChannel channel, Peer peer, Forwarded headers, Deadline deadline,
            StreamRequest<R> request, StreamListener<R> listener) {
        StreamCall<R> observer = new StreamCall<>(channel, peer, listener, request.answer());
        ClientCalls.asyncBidiStreamingCall(channel.newCall(GRPCInferenceServiceGrpc.getModelStreamInferMethod(),
                ComponentClient.options(headers, deadline)), observer);
        observer.call.onNext(request.message());
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
            listener.response(answer.apply(value));
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
