package dev.augur.supervisor;

import dev.augur.catalog.CatalogStatus;
import dev.augur.catalog.Endpoint;
import dev.augur.isvc.Component;
import dev.augur.protocol.core.InferenceException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One revision of a component: the process serving one generation of its spec, with its lifecycle
 * ({@link RevisionState}), its in-flight requests (so it is never scaled down under a request) and its crash
 * back-off. All state changes hold this object's lock; callbacks out of it never run under the lock.
 */
final class Revision {
    private static final Logger LOG = Logger.getLogger(Revision.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** A request that finds the revision failed waits for its restart when that is at most this far off. */
    private static final Duration WAIT_FOR_RESTART = Duration.ofSeconds(5);

    /**
     * Settings shared by every revision.
     *
     * @param restartDelay the wait before the first restart after a failure; doubled per failure in a row
     * @param restartReset how long a process must have been ready for its failure to count as a first one again
     */
    record Settings(Duration startupTimeout, Duration stopTimeout, Duration restartDelay, Duration restartReset,
            Duration idle) {
    }

    private final String service;
    private final String namespace;
    private final String name;
    private final Component spec;
    private final Duration timeout;
    private final Launcher launcher;
    private final ReadinessProbe probe;
    private final Settings settings;
    private final Endpoint external;
    private final Runnable onReady;
    private final Consumer<Endpoint> onClosed;

    private RevisionState state = RevisionState.STOPPED;
    private Process process;
    private Endpoint endpoint;
    private int port = -1;
    private CompletableFuture<Endpoint> ready;
    private volatile boolean everReady;
    private String reason;
    private int inFlight;
    private long lastActive;
    private final Backoff backoff;
    private long readySince = -1;
    private boolean wanted;
    private long restartAt;
    private CompletableFuture<Void> terminating = CompletableFuture.completedFuture(null);

    /**
     * @param external a component that runs elsewhere (not supervised), or null to launch a process
     * @param onReady  runs (outside the lock) each time the revision becomes ready
     * @param onClosed runs (outside the lock) when an endpoint stops answering for good
     */
    Revision(String service, String namespace, String name, Component spec, Duration timeout, Launcher launcher, ReadinessProbe probe,
            Settings settings, Endpoint external, Runnable onReady, Consumer<Endpoint> onClosed) {
        this.service = service;
        this.namespace = namespace;
        this.name = name;
        this.spec = spec;
        this.timeout = timeout;
        this.launcher = launcher;
        this.probe = probe;
        this.settings = settings;
        this.external = external;
        this.onReady = onReady;
        this.onClosed = onClosed;
        this.backoff = new Backoff(settings.restartDelay(), MAX_BACKOFF, settings.restartReset());
    }

    String service() {
        return service;
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    Component spec() {
        return spec;
    }

    String component() {
        return spec.qualifiedName(service);
    }

    /** Whether it has served at least once: only such revisions enter a route, as in Knative. */
    boolean everReady() {
        return everReady;
    }

    synchronized RevisionState state() {
        return state;
    }

    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Starts the revision unless it runs or is starting. */
    void start() {
        boolean becameReady;
        synchronized (this) {
            if (state == RevisionState.STARTING || state == RevisionState.READY) {
                return;
            }
            becameReady = launch();
        }
        if (becameReady) {
            onReady.run();
        }
    }

    /**
     * The endpoint once the revision is ready: now when it is, after a start when it is stopped (scale from zero),
     * or an UNAVAILABLE failure naming the component when it has failed.
     */
    CompletableFuture<Endpoint> ensureRunning() {
        CompletableFuture<Endpoint> result;
        boolean becameReady = false;
        synchronized (this) {
            switch (state) {
                case READY -> {
                    return CompletableFuture.completedFuture(endpoint);
                }
                case FAILED -> {
                    long wait = Math.max(0, restartAt - System.nanoTime());
                    if (wait > WAIT_FOR_RESTART.toNanos()) {
                        return CompletableFuture.failedFuture(InferenceException.unavailable(describe()
                                + " is down: " + reason + "; restarting in "
                                + Math.max(1, Duration.ofNanos(wait).toSeconds()) + " s"));
                    }
                    // A restart is moments away (a single crash): wait for it, as the activator waits for a start.
                    wanted = true;
                    if (ready == null || ready.isDone()) {
                        ready = new CompletableFuture<>();
                    }
                }
                case STOPPED -> becameReady = launch();
                case STARTING -> {
                }
            }
            result = ready;
        }
        if (becameReady) {
            onReady.run();
        }
        return result;
    }

    /** Counts a request in, if the revision is still ready. */
    synchronized boolean begin() {
        if (state != RevisionState.READY) {
            return false;
        }
        inFlight++;
        lastActive = System.nanoTime();
        return true;
    }

    synchronized void end() {
        inFlight--;
        lastActive = System.nanoTime();
    }

    /** Stops the revision (and its process tree); requests waiting for it fail with UNAVAILABLE. */
    void stop(String why) {
        Endpoint closed;
        synchronized (this) {
            if (state == RevisionState.STOPPED) {
                return;
            }
            closed = shutDown(RevisionState.STOPPED, why);
        }
        if (closed != null) {
            onClosed.accept(closed);
        }
    }

    /**
     * Periodic housekeeping: scale an idle {@code minReplicas: 0} revision to zero, restart a failed one after its
     * back-off (or leave it stopped for the next request when it may scale to zero).
     */
    void tick(long now) {
        Endpoint closed = null;
        boolean becameReady = false;
        synchronized (this) {
            if (state == RevisionState.READY && external == null && spec.minReplicas() == 0 && inFlight == 0
                    && now - lastActive >= settings.idle().toNanos()) {
                LOG.infof("%s: no requests for %d s, scaling to zero", name, settings.idle().toSeconds());
                closed = shutDown(RevisionState.STOPPED, "scaled to zero after " + settings.idle().toSeconds()
                        + " s without requests");
            } else if (state == RevisionState.FAILED && now >= restartAt) {
                if (spec.minReplicas() == 0 && !wanted) {
                    state = RevisionState.STOPPED;
                } else {
                    LOG.infof("%s: restarting after failure (%s)", name, reason);
                    becameReady = launch();
                }
            }
        }
        if (closed != null) {
            onClosed.accept(closed);
        }
        if (becameReady) {
            onReady.run();
        }
    }

    synchronized CatalogStatus.Revision status(int percent) {
        int shown = state == RevisionState.READY ? endpoint.port() : state == RevisionState.STARTING ? port : -1;
        return new CatalogStatus.Revision(component(), name, state.name(), percent, pid(), shown, reason);
    }

    private String describe() {
        return "component '" + component() + "' (revision " + name + ")";
    }

    /** Under the lock. Returns true when the revision is ready at once (an external endpoint). */
    private boolean launch() {
        state = RevisionState.STARTING;
        reason = null;
        wanted = false;
        if (ready == null || ready.isDone()) {
            ready = new CompletableFuture<>();
        }
        if (external != null) {
            becomeReady(external);
            return true;
        }
        Launcher.Launched launched;
        try {
            launched = launcher.launch(this);
        } catch (IOException | RuntimeException e) {
            fail("could not start: " + e.getMessage());
            return false;
        }
        Process p = launched.process();
        process = p;
        port = launched.port();
        LOG.infof("%s: started pid %d on port %d", name, p.pid(), launched.port());
        p.onExit().thenAccept(this::exited);
        // An adopted standby first loads the model, then answers ready like a fresh process.
        launched.prepared()
                .thenCompose(v -> probe.await("127.0.0.1", launched.port(), launched.readiness(), p,
                        settings.startupTimeout()))
                .whenComplete((ok, error) -> probed(p, launched.port(), error));
        return false;
    }

    private void probed(Process p, int port, Throwable error) {
        synchronized (this) {
            if (p != process || state != RevisionState.STARTING) {
                return;
            }
            if (error != null) {
                terminating = Processes.terminate(p.toHandle(), settings.stopTimeout());
                process = null;
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                fail(cause.getMessage());
                return;
            }
            becomeReady(new Endpoint(component(), name, "127.0.0.1", port, timeout));
            LOG.infof("%s: ready on port %d", name, port);
        }
        onReady.run();
    }

    private void becomeReady(Endpoint e) {
        endpoint = e;
        state = RevisionState.READY;
        everReady = true;
        readySince = System.nanoTime();
        lastActive = readySince;
        ready.complete(e);
    }

    private void exited(Process p) {
        Endpoint closed;
        synchronized (this) {
            if (p != process) {
                return;
            }
            process = null;
            closed = endpoint;
            fail("exited with code " + p.exitValue());
        }
        if (closed != null) {
            onClosed.accept(closed);
        }
    }

    /** Under the lock: FAILED, with a back-off before the restart that grows only while failures repeat. */
    private void fail(String why) {
        long now = System.nanoTime();
        boolean wasReady = state == RevisionState.READY;
        state = RevisionState.FAILED;
        reason = why;
        endpoint = null;
        Duration wait = backoff.failed(wasReady ? Duration.ofNanos(now - readySince) : null);
        readySince = -1;
        restartAt = now + wait.toNanos();
        LOG.warnf("%s failed (%d in a row): %s; restarting in %d ms", describe(), backoff.failures(), why,
                wait.toMillis());
        if (ready != null && !ready.isDone()) {
            ready.completeExceptionally(InferenceException.unavailable(describe() + " failed to start: " + why));
        }
    }

    /** Under the lock: stops the process tree, returns the endpoint that closed (or null). */
    private Endpoint shutDown(RevisionState next, String why) {
        Endpoint closed = endpoint;
        Process p = process;
        process = null;
        endpoint = null;
        readySince = -1;
        wanted = false;
        state = next;
        reason = why;
        if (ready != null && !ready.isDone()) {
            ready.completeExceptionally(InferenceException.unavailable(describe() + " was stopped: " + why));
        }
        if (p != null) {
            terminating = Processes.terminate(p.toHandle(), settings.stopTimeout());
        }
        return external == null ? closed : null;
    }

    /** Completes when the last stopped process is gone. */
    synchronized CompletableFuture<Void> terminated() {
        return terminating;
    }
}
