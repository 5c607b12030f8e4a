package dev.augur.predictor.repository;

import dev.augur.predictor.config.PredictorConfig;
import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.predictor.runtime.ModelRuntime;
import dev.augur.predictor.runtime.ModelSettings;
import dev.augur.predictor.storage.ModelStorage;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.ModelNames;
import dev.augur.protocol.core.ModelIndexEntry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The model repository: a folder with one sub-folder per model, holding numbered version folders (Triton's layout)
 * or the model file itself, and an optional {@code config.yaml}. Every model found is loaded at start-up; one
 * that fails is UNAVAILABLE with its reason and the server stays up. Models can be (re)loaded and unloaded while
 * serving: a reload builds the new versions beside the old ones and swaps them in one step, and the old versions
 * finish the requests they already accepted before they are released.
 */
@ApplicationScoped
public class ModelRepository {
    private static final Logger LOG = Logger.getLogger(ModelRepository.class);

    private final PredictorConfig config;
    private final List<ModelRuntime> runtimes;
    private final ModelStorage storage;
    private final Path root;
    private final long memoryLimit;
    private final Map<String, Model> models = new ConcurrentSkipListMap<>();
    private final StartupLoads startup = new StartupLoads();
    private volatile boolean stopping;
    private final ModelVersion.Observer observer;
    /** Deadlines of dynamic batches: one daemon thread for all models, it only hands batches to executors. */
    private final ScheduledExecutorService batchTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "batch-timer");
        t.setDaemon(true);
        return t;
    });

    public ModelRepository(PredictorConfig config, Instance<ModelRuntime> runtimes, MeterRegistry registry,
            ModelVersion.Observer observer, ModelStorage storage) {
        this.config = config;
        this.storage = storage;
        this.observer = observer;
        this.runtimes = runtimes.stream().toList();
        this.root = Path.of(config.modelRepository());
        this.memoryLimit = config.models().memoryLimit().map(m -> m.asLongValue()).orElse(Long.MAX_VALUE);
        Gauge.builder("models.memory", this, r -> r.memoryInUse()).baseUnit("bytes")
                .description("Memory the loaded models hold, as their runtimes report it").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (!Files.isDirectory(root)) {
            LOG.warnf("model repository %s is not a folder; serving no models", root.toAbsolutePath());
            startup.allEnded();
            return;
        }
        List<String> names = folderNames();
        startup.expect(names);
        if (!config.models().loadInBackground()) {
            loadAtStart(names);
            return;
        }
        // The port opens while the models load: on a cold start ONNX Runtime's native library and the sessions
        // load on this thread while Quarkus finishes starting on the other core (README "Start-up").
        Thread loader = new Thread(() -> loadAtStart(names), "model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /**
     * Loads the models found at start-up. Holding the repository throughout, a load or unload call made meanwhile
     * waits until this ended, as it did when the port opened only after it.
     */
    private synchronized void loadAtStart(List<String> names) {
        try {
            for (String name : names) {
                try {
                    if (stopping) {
                        continue;   // ended without loading: whoever waits for it gets the model's state
                    }
                    load(name);
                } catch (InferenceException e) {
                    // Already recorded as the model's state and logged; start-up goes on with the other models.
                } catch (RuntimeException | LinkageError e) {
                    LOG.errorf(e, "model %s failed to load", name);
                } finally {
                    startup.ended(name);
                }
            }
        } finally {
            startup.allEnded();
        }
    }

    /**
     * Completes when the model's start-up load ended (loaded or failed); null when the model is not waiting for
     * one, so a request goes on at once.
     */
    public CompletableFuture<Void> startupLoad(String name) {
        return startup.of(name);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        // A start-up load in progress stops after its current model: waiting for that (bounded, a download can be
        // long) means no session is being built when the JVM's shutdown hooks free ONNX Runtime's environment.
        try {
            startup.whenAllEnded().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warnf("stopping while the start-up load still runs");
        }
        for (Model m : models.values()) {
            for (ModelVersion v : m.versions()) {
                v.unload("server stopping");
            }
        }
        batchTimer.shutdownNow();
    }

    private List<String> folderNames() {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            LOG.errorf("cannot list model repository %s: %s", root, e.getMessage());
            return List.of();
        }
    }

    /**
     * Loads or reloads a model from its folder. On success the new versions replace the old ones; if any version
     * fails, the old versions keep serving (on a first load the failure becomes the model's state) and the call
     * fails with the reason.
     */
    public synchronized Model load(String name) {
        ModelNames.check(name);
        if (name.startsWith(".")) {
            throw InferenceException.invalid("invalid model name '" + name + "'");
        }
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw InferenceException.notFound("model '" + name + "' has no folder in the repository " + root);
        }
        Model model = models.computeIfAbsent(name, n -> new Model(n, null));
        ModelSettings settings;
        try {
            settings = ModelSettingsReader.read(dir, config.models());
        } catch (IOException e) {
            return failed(model, null, Map.of("1", e.getMessage()));
        }
        Path source = dir;
        if (settings.storageUri() != null) {
            // The files come from elsewhere (fetched once into the local cache); settings stay in the model folder.
            try {
                source = storage.fetch(settings.storageUri(), dir);
            } catch (IOException e) {
                return failed(model, settings, Map.of("1", e.getMessage()));
            }
        }
        Map<String, Path> dirs = versionDirs(source, settings);
        Map<String, ModelVersion> fresh = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        long replaced = model.versions().stream().mapToLong(ModelVersion::memoryBytes).sum();
        long budget = memoryLimit == Long.MAX_VALUE ? Long.MAX_VALUE : memoryLimit - (memoryInUse() - replaced);
        for (Map.Entry<String, Path> v : dirs.entrySet()) {
            ModelVersion mv = new ModelVersion(name, v.getKey());
            mv.loading();
            try {
                Path file = modelFile(v.getValue(), settings);
                long estimate = Files.size(file);
                if (estimate > budget) {
                    throw new InferenceException(ErrorCode.RESOURCE_EXHAUSTED, "loading needs about " + estimate
                            + " bytes but only " + Math.max(0, budget) + " of the memory limit " + memoryLimit
                            + " bytes (augur.models.memory-limit) are free");
                }
                ModelRuntime runtime = runtimeFor(file, settings);
                long start = System.nanoTime();
                LoadedModel loaded = runtime.load(file, settings);
                mv.ready(loaded, settings, batchTimer, observer,
                        TimeUnit.MICROSECONDS.toNanos(config.models().inlineThresholdMicros()));
                budget -= loaded.memoryBytes();
                LOG.infof("model %s version %s READY (%s, %d bytes, %d ms)", name, v.getKey(), loaded.platform(),
                        loaded.memoryBytes(), (System.nanoTime() - start) / 1_000_000);
            } catch (Exception | LinkageError e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (settings.storageUri() != null) {
                    why += " (files from storage_uri " + ModelStorage.display(settings.storageUri()) + ")";
                }
                mv.failed(why);
                failures.put(v.getKey(), why);
            }
            fresh.put(v.getKey(), mv);
        }
        if (dirs.isEmpty()) {
            failures.put("1", "no model file found in " + dir);
        }
        if (!failures.isEmpty()) {
            for (ModelVersion mv : fresh.values()) {
                mv.unload("load failed");
            }
            return failed(model, settings, failures);
        }
        Map<String, ModelVersion> old = model.install(settings, fresh);
        for (ModelVersion v : old.values()) {
            // Requests already accepted by the old version finish before its model is released.
            v.unload("replaced by a reload");
        }
        return model;
    }

    private Model failed(Model model, ModelSettings settings, Map<String, String> failures) {
        String reason = failures.entrySet().stream().map(e -> "version " + e.getKey() + ": " + e.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
        LOG.errorf("model %s failed to load: %s", model.name(), reason);
        if (model.readyVersions().isEmpty()) {
            Map<String, ModelVersion> broken = new LinkedHashMap<>();
            for (Map.Entry<String, String> f : failures.entrySet()) {
                ModelVersion mv = new ModelVersion(model.name(), f.getKey());
                mv.failed(f.getValue());
                broken.put(f.getKey(), mv);
            }
            model.install(settings, broken);
        }
        ErrorCode code = reason.contains("augur.models.memory-limit") ? ErrorCode.RESOURCE_EXHAUSTED
                : ErrorCode.UNAVAILABLE;
        throw new InferenceException(code, "model '" + model.name() + "' failed to load: " + reason);
    }

    /** Unloads every version of a model; it stays in the index as UNAVAILABLE until loaded again. */
    public synchronized void unload(String name) {
        Model m = model(name);
        Map<String, ModelVersion> old = m.install(m.settings(), Map.of());
        for (ModelVersion v : old.values()) {
            v.unload("unloaded by request");
        }
    }

    /** Every model folder and loaded version, as Triton's repository index lists them. */
    public List<ModelIndexEntry> index(boolean readyOnly) {
        List<ModelIndexEntry> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(models.keySet());
        if (Files.isDirectory(root)) {
            names.addAll(folderNames());
        }
        for (String n : names) {
            Model m = models.get(n);
            if (m == null || m.versions().isEmpty()) {
                if (!readyOnly && startup.of(n) != null) {
                    out.add(new ModelIndexEntry(n, "", ModelState.LOADING.name(), "loading at start-up", 0));
                } else if (!readyOnly) {
                    out.add(m == null ? new ModelIndexEntry(n, "", ModelState.UNKNOWN.name(), "not loaded", 0)
                            : new ModelIndexEntry(n, "", ModelState.UNAVAILABLE.name(), "unloaded", 0));
                }
                continue;
            }
            for (ModelVersion v : m.versions()) {
                if (!readyOnly || v.state() == ModelState.READY) {
                    out.add(new ModelIndexEntry(n, v.version(), v.state().name(), v.reason(), v.memoryBytes()));
                }
            }
        }
        return out;
    }

    private long memoryInUse() {
        long sum = 0;
        for (Model m : models.values()) {
            for (ModelVersion v : m.versions()) {
                sum += v.memoryBytes();
            }
        }
        return sum;
    }

    /** Version folders named by numbers, filtered by the version policy; the model folder itself if none. */
    private static Map<String, Path> versionDirs(Path dir, ModelSettings s) {
        Map<String, Path> found = new ConcurrentSkipListMap<>(Model.NUMERIC);
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .forEach(p -> found.put(p.getFileName().toString(), p));
        } catch (IOException e) {
            return found;
        }
        if (found.isEmpty()) {
            found.put("1", dir);
            return found;
        }
        if (!s.versions().isEmpty()) {
            found.keySet().retainAll(s.versions());
        } else if (s.latest() > 0) {
            List<String> keys = new ArrayList<>(found.keySet());
            for (String k : keys.subList(0, Math.max(0, keys.size() - s.latest()))) {
                found.remove(k);
            }
        }
        return found;
    }

    private Path modelFile(Path dir, ModelSettings s) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> candidates = files.filter(Files::isRegularFile).sorted().toList();
            for (Path f : candidates) {
                for (ModelRuntime r : runtimes) {
                    if ((s.format() == null || r.formats().contains(s.format())) && r.accepts(f)) {
                        return f;
                    }
                }
            }
        }
        throw new IOException("no model file in " + dir + (s.format() == null ? "" : " for format " + s.format()));
    }

    private ModelRuntime runtimeFor(Path file, ModelSettings s) throws IOException {
        for (ModelRuntime r : runtimes) {
            if ((s.format() == null || r.formats().contains(s.format())) && r.accepts(file)) {
                return r;
            }
        }
        throw new IOException("no runtime for " + file);
    }

    public Collection<Model> models() {
        return models.values();
    }

    /** The models served or loading, by name. */
    public java.util.SortedSet<String> names() {
        TreeSet<String> names = new TreeSet<>(models.keySet());
        names.addAll(startup.names());
        return names;
    }

    /** The model, or NOT_FOUND naming it. */
    public Model model(String name) {
        Model m = models.get(name);
        if (m == null) {
            ModelNames.check(name);
            if (startup.of(name) != null) {
                throw loading(name);
            }
            throw InferenceException.notFound("model '" + name + "' is not in the repository");
        }
        return m;
    }

    /** The version to serve: the named one, or the newest ready one; NOT_FOUND otherwise. */
    public ModelVersion resolve(String name, String version) {
        Model m = model(name);
        if (m.versions().isEmpty()) {
            if (startup.of(name) != null) {
                throw loading(name);
            }
            throw InferenceException.unavailable("model '" + name + "' is not loaded; load it with POST "
                    + "/v2/repository/models/" + name + "/load");
        }
        ModelVersion v = version == null || version.isEmpty() ? m.latest() : m.find(version);
        if (v == null) {
            throw InferenceException.notFound("model '" + name + "' has no version " + version
                    + "; versions: " + m.versions().stream().map(ModelVersion::version).toList());
        }
        return v;
    }

    public ModelVersion resolveReady(String name, String version) {
        ModelVersion v = resolve(name, version);
        if (v.state() != ModelState.READY) {
            throw new InferenceException(ErrorCode.UNAVAILABLE, "model '" + name + "' version " + v.version()
                    + " is " + v.state() + (v.reason().isEmpty() ? "" : ": " + v.reason()));
        }
        return v;
    }

    private static InferenceException loading(String name) {
        return InferenceException.unavailable("model '" + name + "' is loading; retry when "
                + "/v2/models/" + name + "/ready answers 200");
    }

    /**
     * True when the start-up load ended and every version of every model is READY (with strict readiness off, as
     * soon as the start-up load ended).
     */
    public boolean allReady() {
        if (!startup.allDone()) {
            return false;
        }
        if (!config.strictReadiness()) {
            return true;
        }
        for (Model m : models.values()) {
            for (ModelVersion v : m.versions()) {
                if (v.state() != ModelState.READY) {
                    return false;
                }
            }
        }
        return true;
    }
}
