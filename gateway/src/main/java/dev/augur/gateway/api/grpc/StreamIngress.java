package dev.augur.gateway.api.grpc;

import dev.augur.client.StreamListener;
import dev.augur.client.StreamRequest;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.RoutedStream;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Target;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.grpc.StreamGrpcCodec;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway's {@code ModelStreamInfer} for gRPC clients (Triton's streaming, e.g. tritonclient's
 * {@code start_stream}): each request on the client's stream is routed by {@code model_name} to its
 * InferenceService's predictor on a call of its own, and the predictor's responses are passed on as they are.
 * A request that cannot be routed answers Triton's {@code error_message}; the client's stream goes on. The
 * gateway's interceptor records the client's call (one access-log line per stream).
 */
@ApplicationScoped
public class StreamIngress {
    private final Router router;

    public StreamIngress(Router router) {
        this.router = router;
    }

    public Multi<ModelStreamInferResponse> forward(Multi<ModelInferRequest> requests) {
        return requests.onItem().transformToMultiAndMerge(request -> Multi.createFrom()
                .<ModelStreamInferResponse>emitter(emitter -> one(request, emitter)));
    }

    private void one(ModelInferRequest request, MultiEmitter<? super ModelStreamInferResponse> emitter) {
        Exchange ex = Exchange.open(Protocol.GRPC, "POST", "/inference.GRPCInferenceService/ModelStreamInfer",
                request.getId(), null, null);
        Target t;
        try {
            t = router.resolve(ex, null, request.getModelName());
        } catch (InferenceException e) {
            fail(ex, request, emitter, e);
            return;
        }
        RoutedStream<?> stream = router.stream(ex, t, StreamRequest.wire(request), new StreamListener<ModelStreamInferResponse>() {
            @Override
            public void response(ModelStreamInferResponse r) {
                emitter.emit(r);
            }

            @Override
            public void end(InferenceException e) {
                if (e != null) {
                    fail(ex, request, emitter, e);
                } else {
                    emitter.complete();
                }
            }
        });
        emitter.onTermination(stream::cancel);
    }

    private void fail(Exchange ex, ModelInferRequest request, MultiEmitter<? super ModelStreamInferResponse> emitter,
            InferenceException e) {
        emitter.emit(StreamGrpcCodec.encodeError(request.getModelName(), request.getId(), e));
        emitter.complete();
    }
}
