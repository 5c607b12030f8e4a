package dev.augur.gateway.service;

import dev.augur.client.StreamCall;
import dev.augur.client.StreamListener;
import dev.augur.protocol.core.InferenceException;
import dev.augur.server.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A {@code ModelStreamInfer} call {@link Router#stream} runs: relays the component's answers to the caller's
 * listener, then exactly one end (the component's, a failure to lease a revision, or none after {@link #cancel}).
 * {@link #over} completes when the call is over, which releases the revision's lease.
 *
 * @param <R> the answers, in the form the call's {@code StreamRequest} chose
 */
public final class RoutedStream<R> {
    private final StreamListener<R> listener;
    private final CompletableFuture<Void> over = new CompletableFuture<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private StreamCall<R> call;
    private boolean cancelled;

    RoutedStream(StreamListener<R> listener) {
        this.listener = listener;
    }

    /** Opens the call on the leased revision, unless the caller has already gone. */
    synchronized CompletableFuture<Void> start(Function<StreamListener<R>, StreamCall<R>> open) {
        if (!cancelled) {
            call = open.apply(new StreamListener<>() {
                @Override
                public void response(R response) {
                    if (!ended.get()) {
                        listener.response(response);
                    }
                }

                @Override
                public void end(InferenceException error) {
                    finish(error);
                    if (error == null) {
                        over.complete(null);
                    } else {
                        over.completeExceptionally(error);
                    }
                }
            });
        } else {
            over.complete(null);
        }
        return over;
    }

    /** No revision could be leased, or the call could not be opened: the listener hears it (once). */
    void failed(Throwable error) {
        if (error != null) {
            finish(Failures.toInference(error, "internal error: "));
        }
    }

    /** The caller went away: the call stops at the component too, the listener hears nothing more. */
    public synchronized void cancel() {
        cancelled = true;
        ended.set(true);
        if (call != null) {
            call.cancel();
        }
        over.complete(null);
    }

    private void finish(InferenceException error) {
        if (ended.compareAndSet(false, true)) {
            listener.end(error);
        }
    }
}
