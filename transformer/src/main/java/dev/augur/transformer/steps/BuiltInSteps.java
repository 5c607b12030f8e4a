package dev.augur.transformer.steps;

import dev.augur.transformer.spi.StepProvider;
import java.util.List;

/** The built-in steps, listed in code (no class-path scanning, so a native image needs no registration). */
public final class BuiltInSteps {
    private BuiltInSteps() {
    }

    public static List<StepProvider> all() {
        return List.of(new TabularStep.Provider(), new ImageStep.Provider(), new TokenizeStep.Provider(),
                new SoftmaxStep.Provider(), new ArgmaxStep.Provider(), new TopKStep.Provider(),
                new ThresholdStep.Provider(), new MeanPoolStep.Provider(), new L2NormalizeStep.Provider());
    }
}
