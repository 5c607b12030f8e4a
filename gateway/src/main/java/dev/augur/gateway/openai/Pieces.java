package dev.augur.gateway.openai;

import dev.augur.client.StreamListener;
import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.Generate;
import dev.augur.protocol.InferenceException;
import dev.augur.protocol.StreamGrpcCodec;

/**
 * A generation's stream as OpenAI transports need it: decoded pieces, ended by the final one or by an error
 * (Triton's {@code error_message} in a response counts as one).
 */
final class Pieces implements StreamListener {
    /** What one generation reports, on gRPC's threads, in order; exactly one of {@code done} or {@code failed}. */
    interface Listener {
        void piece(Generate.Result piece);

        void done();

        void failed(InferenceException e);
    }

    private final String service;
    private final Listener listener;
    private boolean over;

    Pieces(String service, Listener listener) {
        this.service = service;
        this.listener = listener;
    }

    @Override
    public void response(ModelStreamInferResponse value) {
        if (over) {
            return;
        }
        InferenceException error = StreamGrpcCodec.error(value);
        if (error != null) {
            over = true;
            listener.failed(error);
            return;
        }
        listener.piece(Generate.Result.fromResponse(StreamGrpcCodec.decode(value)));
        if (StreamGrpcCodec.isFinal(value)) {
            over = true;
            listener.done();
        }
    }

    @Override
    public void end(InferenceException error) {
        if (over) {
            return;
        }
        over = true;
        listener.failed(error != null ? error : new InferenceException(ErrorCode.INTERNAL, "component '"
                + service + "-predictor' ended the stream without a final response"));
    }
}
