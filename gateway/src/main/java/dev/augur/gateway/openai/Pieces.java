package dev.augur.gateway.openai;

import dev.augur.client.StreamListener;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.StreamAnswer;
import dev.augur.protocol.generate.Generate;

/**
 * A generation's stream as OpenAI transports need it: decoded pieces, ended by the final one or by an error
 * (Triton's {@code error_message} in a response counts as one).
 */
final class Pieces {
    /** What one generation reports, on gRPC's threads, in order; exactly one of {@code done} or {@code failed}. */
    interface Listener {
        void piece(Generate.Result piece);

        void done();

        void failed(InferenceException e);
    }

    private Pieces() {
    }

    /** @param service the InferenceService, whose predictor is named when it ends a stream too early */
    static StreamListener<StreamAnswer> of(String service, Listener listener) {
        boolean[] over = {false};
        return new StreamListener<>() {
            @Override
            public void response(StreamAnswer answer) {
                if (over[0]) {
                    return;
                }
                if (answer.error() != null) {
                    over[0] = true;
                    listener.failed(answer.error());
                    return;
                }
                listener.piece(Generate.Result.fromResponse(answer.response()));
                if (answer.last()) {
                    over[0] = true;
                    listener.done();
                }
            }

            @Override
            public void end(InferenceException error) {
                if (over[0]) {
                    return;
                }
                over[0] = true;
                listener.failed(error != null ? error : new InferenceException(ErrorCode.INTERNAL, "component '"
                        + service + "-predictor' ended the stream without a final response"));
            }
        };
    }
}
