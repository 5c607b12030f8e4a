package dev.augur.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.service.StepRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example module's step is found through ServiceLoader and runs like a built-in one. */
class CustomStepTest {
    @Test
    void exampleStepIsDiscovered() {
        assertTrue(StepRegistry.load().names().contains("lowercase"));
    }

    @Test
    void exampleStepRunsInAPipeline() {
        Tensor t = TestPipelines.apply(TestPipelines.steps("  - lowercase: {input: text}\n"),
                List.of(Tensor.ofStrings("text", new long[] {1}, "Hello WORLD"))).get(0);
        assertEquals("hello world", new String(t.elements()[0], StandardCharsets.UTF_8));
    }
}
