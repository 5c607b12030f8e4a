package dev.augur.catalog;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's hold on a ready revision: while held, the revision counts as busy and is not scaled to zero.
 * Release it exactly when the request is over (released twice counts once).
 */
public final class Lease {
    private final Endpoint endpoint;
    private final Runnable onRelease;
    private final AtomicBoolean released = new AtomicBoolean();

    public Lease(Endpoint endpoint, Runnable onRelease) {
        this.endpoint = endpoint;
        this.onRelease = onRelease;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            onRelease.run();
        }
    }
}
