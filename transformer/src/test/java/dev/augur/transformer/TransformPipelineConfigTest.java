package dev.augur.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.transformer.config.PipelineReader;
import dev.augur.transformer.config.PipelineSpec;
import org.junit.jupiter.api.Test;

/** Pipeline files: their shape, and start-up errors naming what is wrong. */
class TransformPipelineConfigTest {
    @Test
    void predictorShorthandAndDefaults() {
        PipelineSpec s = PipelineReader.read("name: m\npredictor: host:9000\n", "p.yaml");
        assertEquals("host:9000", s.predictorAddress());
        assertEquals("m", s.predictorModel());
        assertEquals(30_000, s.timeoutMillis());
    }

    @Test
    void unknownTopLevelKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PipelineReader.read("name: m\npreproces: []\n", "p.yaml"));
        assertEquals("p.yaml: unknown key(s) [preproces]; expected [name, outputs, postprocess, predictor, "
                + "preprocess]", e.getMessage());
    }

    @Test
    void unknownStepIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestPipelines.steps("  - softmaks: {input: x}\n"));
        assertEquals(true, e.getMessage().startsWith("test steps: preprocess[0] 'softmaks': unknown step "
                + "'softmaks'; known steps: [argmax, image, l2_normalize"), e.getMessage());
    }

    @Test
    void unknownParameterIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestPipelines.steps("  - softmax: {input: x, axis: 1}\n"));
        assertEquals("test steps: preprocess[0] 'softmax': unknown parameter(s) [axis] of step 'softmax'; it takes "
                + "[input, output]", e.getMessage());
    }

    @Test
    void badParameterValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestPipelines.steps("  - image: {output: x, layout: CHW}\n"));
        assertEquals("test steps: preprocess[0] 'image': step 'image': parameter 'layout' must be NCHW or NHWC, "
                + "got 'CHW'", e.getMessage());
    }

    @Test
    void unknownFeatureKeyIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestPipelines.steps("  - tabular: {output: x, features: [{name: a, scal: standard}]}\n"));
        assertEquals(true, e.getMessage().contains("features[0]: unknown key 'scal'"), e.getMessage());
    }
}
