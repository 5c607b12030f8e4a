package dev.augur.supervisor;

import dev.augur.protocol.core.InternalToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Warm standby predictors ({@code augur.local.standby}): predictor JVMs started ahead of need with an empty model
 * repository, already past their JVM and Quarkus start-up. A predictor revision that starts (first rollout, scale
 * from zero, restart after a crash) adopts one: its model is linked into the standby's repository and loaded
 * through the predictor's repository API ({@code POST /v2/repository/models/{name}/load}), so the request waits for a
 * model load instead of a JVM start. Every adoption starts a replacement, a little later so that it does not compete
 * for the CPU with the model being loaded.
 */
final class StandbyPool {
    private static final Logger LOG = Logger.getLogger(StandbyPool.class);
    /** Delay before an adopted standby is replaced: the adopted JVM loads its model meanwhile. */
    private static final Duration REPLACE_AFTER = Duration.ofSeconds(2);

    private record Standby(String name, Process process, int port, Path repository) {
    }

    private final JavaProcess processes;
    private final Path jar;
    private final int size;
    private final ReadinessProbe probe;
    private final ScheduledExecutorService executor;
    private final Duration startupTimeout;
    private final Duration stopTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(1));
    private final Deque<Standby> ready = new ArrayDeque<>();
    private final Set<Standby> starting = new HashSet<>();
    private int counter;
    private boolean stopped;

    StandbyPool(JavaProcess processes, Path jar, int size, ReadinessProbe probe, ScheduledExecutorService executor,
            Duration startupTimeout, Duration stopTimeout) {
        this.processes = processes;
        this.jar = jar;
        this.size = size;
        this.probe = probe;
        this.executor = executor;
        this.startupTimeout = startupTimeout;
        this.stopTimeout = stopTimeout;
    }

    /** Starts standbys until the pool holds its size (those starting included). */
    synchronized void fill() {
        while (!stopped && ready.size() + starting.size() < size) {
            Standby s;
            try {
                s = spawn("standby-" + (++counter));
            } catch (IOException | RuntimeException e) {
                Duration wait = backoff.failed(null);
                LOG.warnf("standby predictor could not start: %s; trying again in %d ms", e.getMessage(),
                        wait.toMillis());
                executor.schedule(this::fill, wait.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            starting.add(s);
            Standby started = s;
            probe.await("127.0.0.1", s.port(), s.process(), startupTimeout)
                    .whenComplete((ok, error) -> probed(started, error));
            s.process().onExit().thenRun(() -> exited(started));
        }
    }

    /** Ready standbys right now. */
    synchronized int available() {
        return ready.size();
    }

    private Standby spawn(String name) throws IOException {
        Path repository = processes.runDir().resolve("standby").resolve(name).resolve("models");
        ModelStaging.deleteTree(repository.getParent());
        Files.createDirectories(repository);
        Launcher.Launched launched = processes.start(name, jar, "mvn -B -pl predictor -am package -DskipTests",
                processes.runDir(), Map.of("AUGUR_MODEL_REPOSITORY", repository.toString()));
        return new Standby(name, launched.process(), launched.port(), repository);
    }

    private synchronized void probed(Standby s, Throwable error) {
        if (!starting.remove(s)) {
            return;
        }
        if (error == null && !stopped) {
            backoff.reset();
            ready.add(s);
            LOG.infof("%s: warm standby predictor ready (pid %d, port %d)", s.name(), s.process().pid(), s.port());
        } else {
            Processes.terminate(s.process().toHandle(), stopTimeout);
        }
    }

    private synchronized void exited(Standby s) {
        boolean wasWaiting = ready.remove(s) | starting.remove(s);
        if (wasWaiting && !stopped) {
            Duration wait = backoff.failed(null);
            LOG.warnf("%s: standby predictor exited with code %d; a new one in %d ms", s.name(),
                    s.process().exitValue(), wait.toMillis());
            executor.schedule(this::fill, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Hands a ready standby to a revision: links {@code model} into its repository as {@code modelName} and asks it
     * to load it. Empty when no standby is ready (the revision then starts its own process). Never blocks on the
     * load: the returned launch's {@code prepared} completes when the model is loaded, or fails with the reason.
     */
    Optional<Launcher.Launched> adopt(String revision, String modelName, Path model) throws IOException {
        Standby s;
        synchronized (this) {
            s = ready.poll();
            while (s != null && !s.process().isAlive()) {
                s = ready.poll();
            }
            if (s == null) {
                return Optional.empty();
            }
            executor.schedule(this::fill, REPLACE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            ModelStaging.add(s.repository(), modelName, model);
        } catch (IOException e) {
            Processes.terminate(s.process().toHandle(), stopTimeout);
            throw e;
        }
        LOG.infof("%s: adopts %s (pid %d, port %d; its log is %s.log)", revision, s.name(), s.process().pid(),
                s.port(), s.name());
        return Optional.of(new Launcher.Launched(s.process(), s.port(), load(s, modelName)));
    }

    private CompletableFuture<Void> load(Standby s, String modelName) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                + "/v2/repository/models/" + modelName + "/load"))
                .timeout(startupTimeout).POST(HttpRequest.BodyPublishers.noBody());
        if (processes.internalToken() != null) {
            b.header(InternalToken.HEADER, processes.internalToken());
        }
        HttpRequest request = b.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("loading the model into standby " + s.name() + " failed: HTTP "
                        + response.statusCode() + " " + response.body());
            }
        });
    }

    /** Stops the standbys no revision adopted. */
    synchronized List<CompletableFuture<Void>> stop() {
        stopped = true;
        List<CompletableFuture<Void>> gone = new ArrayList<>();
        for (Standby s : ready) {
            gone.add(Processes.terminate(s.process().toHandle(), stopTimeout));
        }
        for (Standby s : starting) {
            gone.add(Processes.terminate(s.process().toHandle(), stopTimeout));
        }
        ready.clear();
        starting.clear();
        return gone;
    }
}
