package dev.augur.gateway.logging;

import java.util.concurrent.CompletableFuture;

/** Where a logger's events go. {@link #send} runs on a sender thread, never on a request's. */
interface EventSink extends AutoCloseable {
    /** Sends one event; the future fails with the reason it could not be delivered. */
    CompletableFuture<Void> send(CloudEvent event);

    @Override
    default void close() {
    }
}
