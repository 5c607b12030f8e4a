package dev.augur.client;

import dev.augur.protocol.core.InferenceException;

/**
 * What one {@code ModelStreamInfer} call reports, on gRPC's threads, in order, then exactly one {@link #end}.
 *
 * @param <R> an answer in the form its {@link StreamRequest} chose: the component's message, or decoded
 */
public interface StreamListener<R> {
    void response(R response);

    /** The stream is over; {@code error} is null when the component ended it normally. */
    void end(InferenceException error);
}
