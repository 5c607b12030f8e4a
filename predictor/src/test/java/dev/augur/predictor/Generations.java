package dev.augur.predictor;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.generate.Generate;
import dev.augur.protocol.grpc.GrpcCodec;
import dev.augur.protocol.grpc.StreamGrpcCodec;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Generate calls as a client makes them: ModelInfer, and ModelStreamInfer collecting the pieces. */
final class Generations {
    private final ManagedChannel channel;

    Generations(ManagedChannel channel) {
        this.channel = channel;
    }

    static InferenceRequest prompt(String text, Generate.Parameters p) {
        return Generate.promptRequest("t", "tiny-gpt", text, p);
    }

    static Generate.Parameters greedy(int maxTokens) {
        return new Generate.Parameters(maxTokens, 0.0, null, null, null, List.of());
    }

    Generate.Result infer(InferenceRequest r) {
        return Generate.Result.fromResponse(GrpcCodec.decodeResponse(GrpcClients.stub(channel)
                .modelInfer(GrpcCodec.encodeRequest(r))));
    }

    /** The streamed pieces of one request, the last one with the finish reason; an error response throws. */
    List<Generate.Result> stream(InferenceRequest r) throws Exception {
        List<Generate.Result> pieces = new ArrayList<>();
        CompletableFuture<List<Generate.Result>> done = new CompletableFuture<>();
        StreamObserver<ModelInferRequest> out = GRPCInferenceServiceGrpc.newStub(channel)
                .modelStreamInfer(new StreamObserver<>() {
                    @Override
                    public void onNext(ModelStreamInferResponse value) {
                        InferenceException e = StreamGrpcCodec.error(value);
                        if (e != null) {
                            done.completeExceptionally(e);
                            return;
                        }
                        pieces.add(Generate.Result.fromResponse(StreamGrpcCodec.decode(value)));
                        if (StreamGrpcCodec.isFinal(value)) {
                            done.complete(pieces);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(pieces);
                    }
                });
        out.onNext(GrpcCodec.encodeRequest(r));
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } finally {
            out.onCompleted();
        }
    }
}
