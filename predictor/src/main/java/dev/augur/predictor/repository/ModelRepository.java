package dev.augur.predictor.repository;

import dev.augur.predictor.config.PredictorConfig;
import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.predictor.runtime.ModelRuntime;
import dev.augur.predictor.runtime.ModelSettings;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.InferenceException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The model repository: a folder with one sub-folder per model, holding numbered version folders (Triton's layout)
 * or the model file itself, and an optional {@code config.yaml}. Every model found is loaded at start-up; one
 * that fails is UNAVAILABLE with its reason and the server stays up.
 */
@ApplicationScoped
public class ModelRepository {
    private static final Logger LOG = Logger.getLogger(ModelRepository.class);

    private final PredictorConfig config;
    private final List<ModelRuntime> runtimes;
    private final Map<String, Model> models = new ConcurrentSkipListMap<>();

    public ModelRepository(PredictorConfig config, Instance<ModelRuntime> runtimes) {
        this.config = config;
        this.runtimes = runtimes.stream().toList();
    }

    void onStart(@Observes StartupEvent event) {
        Path root = Path.of(config.modelRepository());
        if (!Files.isDirectory(root)) {
            LOG.warnf("model repository %s is not a folder; serving no models", root.toAbsolutePath());
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (!dir.getFileName().toString().startsWith(".")) {
                    load(dir);
                }
            }
        } catch (IOException e) {
            LOG.errorf("cannot list model repository %s: %s", root, e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        for (Model m : models.values()) {
            for (ModelVersion v : m.versions()) {
                v.unload("server stopping");
            }
        }
    }

    private void load(Path dir) {
        String name = dir.getFileName().toString();
        ModelSettings settings;
        try {
            settings = ModelSettingsReader.read(dir, config.models());
        } catch (IOException e) {
            Model broken = new Model(name, null);
            broken.version("1").failed(e.getMessage());
            models.put(name, broken);
            LOG.errorf("model %s: %s", name, e.getMessage());
            return;
        }
        Model model = new Model(name, settings);
        models.put(name, model);
        for (Map.Entry<String, Path> v : versionDirs(dir, settings).entrySet()) {
            ModelVersion mv = model.version(v.getKey());
            mv.loading();
            try {
                Path file = modelFile(v.getValue(), settings);
                ModelRuntime runtime = runtimeFor(file, settings);
                long start = System.nanoTime();
                LoadedModel loaded = runtime.load(file, settings);
                mv.ready(loaded, settings.instances(), settings.maxQueueSize());
                LOG.infof("model %s version %s READY (%s, %d ms)", name, v.getKey(), loaded.platform(),
                        (System.nanoTime() - start) / 1_000_000);
            } catch (Exception | LinkageError e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                mv.failed(why);
                LOG.errorf("model %s version %s UNAVAILABLE: %s", name, v.getKey(), why);
            }
        }
        if (model.versions().isEmpty()) {
            model.version("1").failed("no model file found in " + dir);
            LOG.errorf("model %s: no model file found in %s", name, dir);
        }
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

    /** The model, or NOT_FOUND naming it. */
    public Model model(String name) {
        Model m = models.get(name);
        if (m == null) {
            throw InferenceException.notFound("model '" + name + "' is not in the repository");
        }
        return m;
    }

    /** The version to serve: the named one, or the newest ready one; NOT_FOUND or UNAVAILABLE otherwise. */
    public ModelVersion resolve(String name, String version) {
        Model m = model(name);
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

    /** True when every version of every model is READY (and, with strict readiness off, always). */
    public boolean allReady() {
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
