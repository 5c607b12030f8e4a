package dev.augur.server;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Failures as the error model sees them. Futures wrap the failure that matters in {@link CompletionException} or
 * {@link ExecutionException}, sometimes twice (a stage composed of a stage); every transport and caller unwraps
 * them here, the same way, before reading the error table.
 */
public final class Failures {
    private Failures() {
    }

    /**
     * The future {@code work} returns, or a failed one when it throws before returning one: the caller's one
     * handler then sees every failure, thrown or completed.
     */
    public static <T> CompletableFuture<T> future(Supplier<? extends CompletionStage<T>> work) {
        try {
            return work.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The first cause that is not a future's wrapper (the wrapper itself when it carries no cause). */
    public static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The unwrapped failure as an {@link InferenceException}: itself when it is one, else INTERNAL with
     * {@code prefix} and the failure's class name (never its message, which may carry internals).
     */
    public static InferenceException toInference(Throwable t, String prefix) {
        Throwable cause = unwrap(t);
        return cause instanceof InferenceException e ? e
                : new InferenceException(ErrorCode.INTERNAL, prefix + cause.getClass().getSimpleName());
    }
}
