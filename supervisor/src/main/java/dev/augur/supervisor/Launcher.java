package dev.augur.supervisor;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Starts the process of one revision. One implementation per component type. */
interface Launcher {

    /** Starts the revision's process, which will listen on the returned port once it is ready. */
    Launched launch(Revision revision) throws IOException;

    /**
     * @param prepared  completes when the process may be probed for readiness: at once for a fresh process; after
     *                  the model is loaded for an adopted standby (failing with the reason if it could not be)
     * @param readiness what is polled until the process is ready
     */
    record Launched(Process process, int port, CompletableFuture<Void> prepared, Readiness readiness) {
        Launched(Process process, int port) {
            this(process, port, CompletableFuture.completedFuture(null));
        }

        Launched(Process process, int port, CompletableFuture<Void> prepared) {
            this(process, port, prepared, Readiness.AUGUR);
        }
    }

    /**
     * The readiness check of a started process: an HTTP GET of {@code path} that must answer 200.
     *
     * @param internalToken whether the poll carries the run's internal token (Augur's own components require it;
     *                      a foreign container never gets it)
     */
    record Readiness(String path, boolean internalToken) {
        /** Augur's components: the V2 readiness path, behind the run's token. */
        static final Readiness AUGUR = new Readiness("/v2/health/ready", true);
    }
}
