package dev.augur.gateway.local;

import java.io.IOException;

/** Starts the process of one revision. One implementation per component type (predictor now; transformer later). */
interface Launcher {

    /** Starts the revision's process, which will listen on the returned port once it is ready. */
    Launched launch(Revision revision) throws IOException;

    record Launched(Process process, int port) {
    }
}
