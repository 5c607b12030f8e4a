package dev.augur.transformer.service;

import dev.augur.transformer.config.PipelineSpec;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.StepProvider;
import dev.augur.transformer.spi.TransformStep;
import dev.augur.transformer.steps.BuiltInSteps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/** The built-in steps plus every {@link StepProvider} found with {@link ServiceLoader} on the class path. */
public final class StepRegistry {
    private final Map<String, StepProvider> providers = new TreeMap<>();

    private StepRegistry() {
    }

    /** Built-ins, then custom providers from the class path; a custom step may not take a built-in's name. */
    public static StepRegistry load() {
        StepRegistry r = new StepRegistry();
        for (StepProvider p : BuiltInSteps.all()) {
            r.providers.put(p.name(), p);
        }
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        for (StepProvider p : ServiceLoader.load(StepProvider.class, cl == null
                ? StepRegistry.class.getClassLoader() : cl)) {
            StepProvider existing = r.providers.putIfAbsent(p.name(), p);
            if (existing != null && existing.getClass() != p.getClass()) {
                throw new IllegalStateException("custom step " + p.getClass().getName() + " takes the name '"
                        + p.name() + "' of " + existing.getClass().getName());
            }
        }
        return r;
    }

    public java.util.Set<String> names() {
        return providers.keySet();
    }

    /** Creates the steps of one section; unknown steps or parameters fail naming them and where they are. */
    public List<TransformStep> create(List<PipelineSpec.StepSpec> specs, Path baseDirectory) {
        List<TransformStep> steps = new ArrayList<>();
        for (PipelineSpec.StepSpec s : specs) {
            StepProvider p = providers.get(s.step());
            if (p == null) {
                throw new IllegalArgumentException(s.where() + ": unknown step '" + s.step() + "'; known steps: "
                        + providers.keySet());
            }
            List<String> unknown = new ArrayList<>();
            for (String k : s.parameters().keySet()) {
                if (!p.parameters().contains(k)) {
                    unknown.add(k);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(s.where() + ": unknown parameter(s) " + unknown + " of step '"
                        + s.step() + "'; it takes " + new TreeSet<>(p.parameters()));
            }
            try {
                steps.add(p.create(new StepParameters(s.step(), s.parameters(), baseDirectory)));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(s.where() + ": " + e.getMessage(), e);
            }
        }
        return steps;
    }
}
