package dev.augur.predictor.repository;

import dev.augur.predictor.runtime.ModelSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A named model and its versions, ordered numerically so "latest" is the last. */
public final class Model {
    static final Comparator<String> NUMERIC = Comparator.comparingLong(Model::numeric).thenComparing(s -> s);

    private final String name;
    private final ModelSettings settings;
    private final Map<String, ModelVersion> versions = new ConcurrentSkipListMap<>(NUMERIC);

    Model(String name, ModelSettings settings) {
        this.name = name;
        this.settings = settings;
    }

    private static long numeric(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    public String name() {
        return name;
    }

    public ModelSettings settings() {
        return settings;
    }

    ModelVersion version(String v) {
        return versions.computeIfAbsent(v, k -> new ModelVersion(name, k));
    }

    public ModelVersion find(String v) {
        return versions.get(v);
    }

    public List<ModelVersion> versions() {
        return new ArrayList<>(versions.values());
    }

    /** The newest READY version, or the newest of any state when none is ready. */
    public ModelVersion latest() {
        ModelVersion newest = null;
        for (ModelVersion v : versions.values()) {
            if (v.state() == ModelState.READY) {
                newest = v;
            }
        }
        if (newest == null && !versions.isEmpty()) {
            newest = ((ConcurrentSkipListMap<String, ModelVersion>) versions).lastEntry().getValue();
        }
        return newest;
    }

    public List<String> readyVersions() {
        List<String> out = new ArrayList<>();
        for (ModelVersion v : versions.values()) {
            if (v.state() == ModelState.READY) {
                out.add(v.version());
            }
        }
        return out;
    }
}
