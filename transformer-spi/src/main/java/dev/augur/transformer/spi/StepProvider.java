package dev.augur.transformer.spi;

import java.util.Set;

/**
 * Makes steps of one kind from their configuration. Custom providers are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/dev.augur.transformer.spi.StepProvider} of a jar on the transformer's
 * class path. The name is what a pipeline file writes ({@code - lowercase: {input: text}}); a custom provider may not
 * reuse a built-in name.
 */
public interface StepProvider {
    /** The step's name in pipeline files. */
    String name();

    /** The parameter names the step accepts; any other name in a pipeline file is a start-up error naming it. */
    Set<String> parameters();

    /**
     * Creates a step. Throw {@link IllegalArgumentException} (e.g. through {@link StepParameters}) for a bad value; the
     * transformer then refuses to start and names the step and the problem.
     */
    TransformStep create(StepParameters parameters);
}
