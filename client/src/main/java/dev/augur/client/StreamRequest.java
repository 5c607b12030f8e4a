package dev.augur.client;

import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.StreamAnswer;
import dev.augur.protocol.grpc.GrpcCodec;
import dev.augur.protocol.grpc.StreamGrpcCodec;
import java.util.function.Function;

/**
 * What one {@code ModelStreamInfer} call sends, and so the form its answers take (as the gateway's {@code Payload}
 * does for ModelInfer): a gRPC client's message, forwarded as it is with the component's messages handed on as they
 * came, or a neutral request, encoded here with each answer decoded into a {@link StreamAnswer}.
 *
 * @param <R>    the answer a {@link StreamListener} of this call receives
 * @param answer what each of the component's messages becomes for the listener
 */
public record StreamRequest<R>(ModelInferRequest message, Function<ModelStreamInferResponse, R> answer) {

    /** A gRPC client's message (the gateway's streaming ingress), answered by the component's own messages. */
    public static StreamRequest<ModelStreamInferResponse> wire(ModelInferRequest message) {
        return new StreamRequest<>(message, Function.identity());
    }

    public static StreamRequest<StreamAnswer> of(InferenceRequest request) {
        return new StreamRequest<>(GrpcCodec.encodeRequest(request), StreamGrpcCodec::answer);
    }

    /** Aimed at {@code model}: this request when it names it already, else a copy renamed. */
    public StreamRequest<R> withModel(String model) {
        return message.getModelName().equals(model) ? this
                : new StreamRequest<>(message.toBuilder().setModelName(model).build(), answer);
    }
}
