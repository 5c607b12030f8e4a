package dev.augur.predictor.repository;

import dev.augur.predictor.runtime.ModelSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named model and its versions. The version set is an immutable snapshot swapped in one step, so a reload
 * never shows a half-built set to requests.
 */
public final class Model {
    static final Comparator<String> NUMERIC = Comparator.comparingLong(Model::numeric).thenComparing(s -> s);

    private final String name;
    private volatile ModelSettings settings;
    private volatile Map<String, ModelVersion> versions = Map.of();

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

    /** Replaces the version set and returns the one it replaced. */
    Map<String, ModelVersion> install(ModelSettings newSettings, Map<String, ModelVersion> newVersions) {
        Map<String, ModelVersion> sorted = new TreeMap<>(NUMERIC);
        sorted.putAll(newVersions);
        Map<String, ModelVersion> old = versions;
        settings = newSettings;
        versions = Collections.unmodifiableMap(sorted);
        return old;
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
        ModelVersion any = null;
        for (ModelVersion v : versions.values()) {
            any = v;
            if (v.state() == ModelState.READY) {
                newest = v;
            }
        }
        return newest != null ? newest : any;
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
