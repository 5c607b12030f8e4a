package dev.augur.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Stops process trees: SIGTERM to the process and its descendants, SIGKILL for whatever outlives the grace. */
final class Processes {
    private Processes() {
    }

    static CompletableFuture<Void> terminate(ProcessHandle process, Duration grace) {
        // Descendants are collected before the parent dies: afterwards they are re-parented and out of reach.
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        return process.onExit()
                .orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS)
                .handle((p, timedOut) -> {
                    if (timedOut != null) {
                        process.destroyForcibly();
                    }
                    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                    return null;
                });
    }
}
