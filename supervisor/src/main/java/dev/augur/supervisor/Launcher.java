package dev.augur.supervisor;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Starts the process of one revision. One implementation per component type. */
interface Launcher {

    /** Starts the revision's process, which will listen on the returned port once it is ready. */
    Launched launch(Revision revision) throws IOException;

    /**
     * @param prepared completes when the process may be probed for readiness: at once for a fresh process; after
     *                 the model is loaded for an adopted standby (failing with the reason if it could not be)
     */
    record Launched(Process process, int port, CompletableFuture<Void> prepared) {
        Launched(Process process, int port) {
            this(process, port, CompletableFuture.completedFuture(null));
        }
    }
}
