package dev.augur.transformer.steps;

import dev.augur.transformer.spi.StepProvider;
import java.util.Set;

/** A built-in step's name and parameter names, fixed in code; subclasses only create the step. */
abstract class BuiltInProvider implements StepProvider {
    private final String name;
    private final Set<String> parameters;

    BuiltInProvider(String name, String... parameters) {
        this.name = name;
        this.parameters = Set.of(parameters);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> parameters() {
        return parameters;
    }
}
