package dev.augur.client;

import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import dev.augur.protocol.core.InferenceException;

/** What one {@code ModelStreamInfer} call reports, on gRPC's threads, in order, then exactly one {@link #end}. */
public interface StreamListener {
    void response(ModelStreamInferResponse response);

    /** The stream is over; {@code error} is null when the component ended it normally. */
    void end(InferenceException error);
}
