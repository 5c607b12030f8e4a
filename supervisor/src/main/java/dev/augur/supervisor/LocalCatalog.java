package dev.augur.supervisor;

import dev.augur.catalog.CatalogStatus;
import dev.augur.catalog.Endpoint;
import dev.augur.catalog.EndpointClosed;
import dev.augur.catalog.Lease;
import dev.augur.catalog.ServiceCatalog;
import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.InferenceGraph;
import dev.augur.isvc.InferenceService;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Local mode: InferenceServices from a folder of YAML files, their components run as supervised processes on
 * loopback. One thread applies folder changes and does the housekeeping (scale to zero, restarts), so spec
 * changes never race each other; requests only read routes.
 */
@ApplicationScoped
public class LocalCatalog implements ServiceCatalog {
    /**
     * Annotation naming a component already running elsewhere ({@code host:port}): the gateway routes to it and
     * does not supervise it. For development against a predictor started by hand, and for tests.
     */
    public static final String PREDICTOR_ADDRESS = "local.augur.dev/predictor-address";

    private static final Logger LOG = Logger.getLogger(LocalCatalog.class);
    private static final Duration HOUSEKEEPING = Duration.ofMillis(200);

    private final SupervisorConfig config;
    private final Event<EndpointClosed> closed;
    private final Map<String, LocalInferenceService> services = new ConcurrentSkipListMap<>();
    private final Random random = new Random();
    private volatile List<String> errors = List.of();
    /** InferenceGraphs from the folder: specs only (the gateway is their router, nothing to run). */
    private volatile List<InferenceGraph> graphs = List.of();
    private volatile boolean started;
    private ScheduledExecutorService executor;
    private ServicesFolder folder;
    private Launchers launchers;
    private ReadinessProbe probe;
    private Revision.Settings settings;
    private StandbyPool standby;

    private final RunToken token;
    private final ContainerConfig containerConfig;
    /** Why podman cannot run containers here, once checked (null: it can, or not checked yet). */
    private volatile String podmanProblem;

    public LocalCatalog(SupervisorConfig config, Event<EndpointClosed> closed, RunToken token,
            ContainerConfig containerConfig) {
        this.config = config;
        this.closed = closed;
        this.token = token;
        this.containerConfig = containerConfig;
    }

    void onStart(@Observes StartupEvent event) {
        SupervisorConfig.Local local = config.local();
        executor = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "augur-local");
            t.setDaemon(true);
            return t;
        });
        folder = new ServicesFolder(Path.of(config.servicesDir()));
        JavaRuntime java = JavaRuntime.of(local.java()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        JavaProcess processes = new JavaProcess(java, local.jvmOptions().orElse(""), local.aotCache(),
                Path.of(local.runDir()), token.value());
        probe = new ReadinessProbe(executor, token.value());
        if (local.runtime() == LocalRuntime.CONTAINERS) {
            LOG.infof("local mode: Augur's components run as their images with podman (augur.local.runtime="
                    + "containers; predictors as %s)%s", containerConfig.predictorImage(), local.standby() > 0
                    ? "; augur.local.standby is for processes only and is ignored" : "");
        } else {
            logJava(java, local.aotCache());
            if (local.standby() > 0) {
                standby = new StandbyPool(processes, Path.of(local.predictorJar()), local.standby(), probe, executor,
                        local.startupTimeout(), local.stopTimeout());
            }
        }
        Podman podman = new Podman(containerConfig);
        Path runDir = Path.of(local.runDir()).toAbsolutePath().normalize();
        String runId = Long.toHexString(random.nextLong());
        launchers = Launchers.create(config, containerConfig, processes, standby, folder.dir(), podman, runDir, runId,
                token.value());
        checkPodman(podman, runDir.toString(), runId);
        settings = new Revision.Settings(local.startupTimeout(), local.stopTimeout(), local.restartDelay(),
                local.restartReset(), config.scaleToZero().idle());
        LOG.infof("local mode: services from %s, run dir %s, components as %s", folder.dir().toAbsolutePath(),
                runDir, local.runtime() == LocalRuntime.CONTAINERS ? "containers" : "processes (predictor "
                        + local.predictorJar() + ")");
        // The first scan runs before the gateway takes requests, so every service is known from the start. The
        // standbys start after it: the services' own first revisions come first on the CPU.
        reconcile();
        if (standby != null) {
            executor.execute(standby::fill);
        }
        started = true;
        executor.scheduleWithFixedDelay(this::reconcileSafely, local.pollInterval().toMillis(),
                local.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::housekeeping, HOUSEKEEPING.toMillis(), HOUSEKEEPING.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
        List<CompletableFuture<Void>> gone = new ArrayList<>();
        if (standby != null) {
            gone.addAll(standby.stop());
        }
        for (LocalInferenceService s : services.values()) {
            for (Revision r : s.stopAll("gateway stopping")) {
                gone.add(r.terminated());
            }
        }
        services.clear();
        try {
            CompletableFuture.allOf(gone.toArray(CompletableFuture[]::new))
                    .get(config.local().stopTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("some component processes did not stop in time: %s", e.toString());
        }
    }

    /**
     * Components that run as containers need podman. Checked off the start path: whether podman runs here (requests
     * to such components get 501 with the reason when not), and containers an earlier gateway of this run dir left
     * running when it died are removed.
     */
    private void checkPodman(Podman podman, String runDir, String runId) {
        // Its own thread: a podman that hangs must not hold the catalog's thread (folder changes, housekeeping).
        Thread check = new Thread(() -> {
            podmanProblem = podman.unavailable();
            if (podmanProblem != null) {
                LOG.infof("containers: %s; components that run as containers answer 501", podmanProblem);
                return;
            }
            try {
                List<String> gone = podman.removeLeftovers(runDir, runId);
                if (!gone.isEmpty()) {
                    LOG.infof("containers: removed %s, left running by an earlier gateway", gone);
                }
            } catch (java.io.IOException e) {
                LOG.warnf("containers: could not look for leftovers of an earlier gateway: %s", e.getMessage());
            }
        }, "augur-podman-check");
        check.setDaemon(true);
        check.start();
    }

    /** Says once, at start, whether components get their AOT caches, and how to get them if not. */
    private static void logJava(JavaRuntime java, boolean aotCache) {
        if (aotCache && !java.readsAotCache()) {
            LOG.warn(java.aotStatus(true));
        } else {
            LOG.info(java.aotStatus(aotCache));
        }
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.error("applying the services folder failed", e);
        }
    }

    private void reconcile() {
        ServicesFolder.Scan scan = folder.scan();
        if (!scan.errors().equals(errors)) {
            Set<String> known = new HashSet<>(errors);
            scan.errors().stream().filter(e -> !known.contains(e)).forEach(e -> LOG.error(e));
            errors = List.copyOf(scan.errors());
        }
        List<InferenceGraph> nextGraphs = new ArrayList<>(scan.graphs().values());
        for (InferenceGraph old : graphs) {
            // As for services: a graph whose file turned invalid keeps its last good spec.
            if (!scan.graphs().containsKey(old.name()) && brokenSource(old.source(), scan)) {
                nextGraphs.add(old);
            }
        }
        graphs = List.copyOf(nextGraphs);
        for (String name : List.copyOf(services.keySet())) {
            if (!scan.services().containsKey(name) && !stillBroken(name, scan)) {
                LOG.infof("%s: removed from %s, stopping it", name, folder.dir());
                services.remove(name).stopAll("InferenceService deleted");
            }
        }
        for (InferenceService spec : scan.services().values()) {
            LocalInferenceService svc = services.get(spec.name());
            if (svc == null) {
                svc = new LocalInferenceService(spec.name(), this::revision, random);
                svc.apply(spec);
                services.put(spec.name(), svc);
            } else if (!spec.equals(svc.spec())) {
                LOG.infof("%s: spec changed in %s", spec.name(), spec.source());
                svc.apply(spec);
            }
        }
    }

    /**
     * A service whose file turned invalid keeps running its last good spec, as a rejected {@code kubectl apply}
     * leaves the running object alone; only a deleted file (or a spec without it) deletes the service.
     */
    private boolean stillBroken(String name, ServicesFolder.Scan scan) {
        return brokenSource(services.get(name).spec().source(), scan);
    }

    private static boolean brokenSource(String source, ServicesFolder.Scan scan) {
        return scan.errors().stream().anyMatch(e -> e.startsWith(source + ":") || e.startsWith(source + " ("));
    }

    private void housekeeping() {
        long now = System.nanoTime();
        for (LocalInferenceService s : services.values()) {
            try {
                s.tick(now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "housekeeping of %s failed", s.spec().name());
            }
        }
    }

    private Revision revision(InferenceService spec, ComponentKind kind, int generation) {
        Component c = spec.component(kind).orElseThrow();
        String component = c.qualifiedName(spec.name());
        String name = String.format("%s-%05d", component, generation);
        Duration timeout = c.timeout() == null ? config.gateway().defaultTimeout() : Duration.ofSeconds(c.timeout());
        Endpoint external = kind == ComponentKind.PREDICTOR ? external(spec, component, name, timeout) : null;
        Launcher launcher = launchers.of(c);
        return new Revision(spec.name(), spec.namespace(), name, c, timeout, launcher, probe, settings,
                external,
                () -> executor.execute(() -> {
                    LocalInferenceService s = services.get(spec.name());
                    if (s != null) {
                        s.tick(System.nanoTime());
                    }
                }),
                e -> closed.fire(new EndpointClosed(e.host(), e.port())));
    }

    private static Endpoint external(InferenceService spec, String component, String name, Duration timeout) {
        String address = spec.annotations().get(PREDICTOR_ADDRESS);
        if (address == null) {
            return null;
        }
        int colon = address.lastIndexOf(':');
        try {
            return new Endpoint(component, name, address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1)), timeout);
        } catch (RuntimeException e) {
            LOG.errorf("%s: annotation %s must be host:port, got '%s'", spec.source(), PREDICTOR_ADDRESS, address);
            return null;
        }
    }

    @Override
    public List<InferenceService> services() {
        return services.values().stream().map(LocalInferenceService::spec).toList();
    }

    @Override
    public List<InferenceGraph> graphs() {
        return graphs;
    }

    @Override
    public Optional<InferenceService> find(String name) {
        LocalInferenceService s = services.get(name);
        return s == null ? Optional.empty() : Optional.of(s.spec());
    }

    @Override
    public boolean runnable(InferenceService service, ComponentKind kind) {
        return service.component(kind).map(AugurImages::runnable).orElse(false);
    }

    @Override
    public CompletableFuture<Lease> acquire(InferenceService service, ComponentKind kind) {
        LocalInferenceService s = services.get(service.name());
        if (s == null) {
            return CompletableFuture.failedFuture(InferenceException.notFound("InferenceService '"
                    + service.name() + "' not found"));
        }
        Component c = service.component(kind).orElse(null);
        if (c != null && !AugurImages.runnable(c)) {
            return CompletableFuture.failedFuture(new InferenceException(ErrorCode.UNIMPLEMENTED,
                    AugurImages.notRunnable(service.name(), c)));
        }
        String noPodman = podmanProblem;
        if (c != null && noPodman != null && launchers.usesPodman(c)) {
            return CompletableFuture.failedFuture(new InferenceException(ErrorCode.UNIMPLEMENTED, "local mode runs the "
                    + kind.field() + " of InferenceService '" + service.name() + "' (image " + launchers.image(c)
                    + ") as a container, but " + noPodman));
        }
        return s.acquire(kind, config.activator().timeout());
    }

    /**
     * Ready once the services folder has been read. Not tied to components: one service being down must not take
     * the gateway (the door to every other service) out of a load balancer. Per service: {@link #status()}.
     */
    @Override
    public boolean ready() {
        return started;
    }

    @Override
    public CatalogStatus status() {
        return new CatalogStatus(services.values().stream().map(LocalInferenceService::status).toList(), errors);
    }
}
