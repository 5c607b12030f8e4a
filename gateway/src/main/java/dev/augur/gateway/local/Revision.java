package dev.augur.gateway.local;

import dev.augur.gateway.catalog.CatalogStatus;
import dev.augur.gateway.catalog.Endpoint;
import dev.augur.isvc.Component;
import dev.augur.protocol.InferenceException;
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

    /** Settings shared by every revision. */
    record Settings(Duration startupTimeout, Duration stopTimeout, Duration restartDelay, Duration idle) {
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
    private int crashes;
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
                    return CompletableFuture.failedFuture(InferenceException.unavailable(describe() + " is down: "
                            + reason + "; restarting in " + Math.max(1, Duration.ofNanos(wait).toSeconds()) + " s"));
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
                if (spec.minReplicas() == 0) {
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
        ready = new CompletableFuture<>();
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
        probe.await("127.0.0.1", launched.port(), p, settings.startupTimeout())
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
                fail(error.getMessage());
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
        crashes = 0;
        lastActive = System.nanoTime();
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

    /** Under the lock: FAILED, with a doubling back-off before the restart. */
    private void fail(String why) {
        state = RevisionState.FAILED;
        reason = why;
        endpoint = null;
        crashes++;
        long backoff = Math.min(MAX_BACKOFF.toNanos(),
                settings.restartDelay().toNanos() << Math.min(20, crashes - 1));
        restartAt = System.nanoTime() + backoff;
        LOG.warnf("%s failed: %s", describe(), why);
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
