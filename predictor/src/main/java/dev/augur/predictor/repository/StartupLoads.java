package dev.augur.predictor.repository;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models found in the repository at start-up whose load has not ended yet. With
 * {@code augur.models.load-in-background} the port opens while they load: until a model's load ended it is reported
 * loading (not ready, LOADING in the index) rather than unknown, and requests for it can wait for the end of its load.
 */
final class StartupLoads {
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> all = new CompletableFuture<>();

    /** Before the port opens: these models are loading from now on. */
    void expect(Iterable<String> names) {
        for (String n : names) {
            pending.put(n, new CompletableFuture<>());
        }
    }

    /** The model's start-up load ended, loaded or failed; whoever waited for it goes on. */
    void ended(String name) {
        CompletableFuture<Void> f = pending.remove(name);
        if (f != null) {
            f.complete(null);
        }
    }

    /** Every start-up load ended. */
    void allEnded() {
        all.complete(null);
    }

    boolean allDone() {
        return all.isDone();
    }

    CompletableFuture<Void> whenAllEnded() {
        return all;
    }

    /** The models whose start-up load has not ended. */
    java.util.Set<String> names() {
        return pending.keySet();
    }

    /** Completes when the model's start-up load ends; null when the model is not in its start-up load. */
    CompletableFuture<Void> of(String name) {
        return name == null ? null : pending.get(name);
    }
}
