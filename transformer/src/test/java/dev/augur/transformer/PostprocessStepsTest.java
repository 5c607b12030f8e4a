package dev.augur.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.Tensors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Softmax, argmax, top-k with labels, thresholds, mean pooling and L2 normalisation on hand-computed values. */
class PostprocessStepsTest {
    static final Tensor LOGITS = Tensor.ofFloats("logits", new long[] {2, 3}, new float[] {1, 2, 3, 0, 0, 5});

    static float[] floats(Tensor t) {
        float[] f = new float[t.size()];
        t.data().asFloatBuffer().get(f);
        return f;
    }

    static String[] strings(Tensor t) {
        String[] s = new String[t.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = new String(t.elements()[i], StandardCharsets.UTF_8);
        }
        return s;
    }

    @Test
    void softmaxMatchesHandComputed() {
        Tensor t = TestPipelines.apply(TestPipelines.steps("  - softmax: {input: logits}\n"), List.of(LOGITS)).get(0);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        float[] f = floats(t);
        assertEquals(Math.exp(3) / z, f[2], 1e-6);
        assertEquals(Math.exp(5) / (2 + Math.exp(5)), f[5], 1e-6);
    }

    @Test
    void argmaxWithLabelsFile() {
        Tensor t = TestPipelines.apply(TestPipelines.steps(
                "  - argmax: {input: logits, output: species, labels: iris-labels.txt}\n"), List.of(LOGITS)).get(1);
        assertEquals("species", t.name());
        assertArrayEquals(new String[] {"virginica", "virginica"}, strings(t));
    }

    @Test
    void topKGivesLabelsScoresAndIndicesBestFirst() {
        List<Tensor> out = TestPipelines.apply(TestPipelines.steps(
                "  - topk: {input: logits, k: 2, labels: iris-labels.txt}\n"), List.of(LOGITS));
        assertArrayEquals(new String[] {"virginica", "versicolor", "virginica", "setosa"},
                strings(Tensors.find(out, "topk_labels")));
        assertArrayEquals(new float[] {3, 2, 5, 0}, floats(Tensors.find(out, "topk_scores")));
        assertArrayEquals(new long[] {2, 2}, Tensors.find(out, "topk_indices").shape());
    }

    @Test
    void thresholdOnThePositiveColumnWithLabels() {
        Tensor p = Tensor.ofFloats("probabilities", new long[] {3, 2}, new float[] {0.7f, 0.3f, 0.4f, 0.6f, 0.5f,
                0.5f});
        Tensor t = TestPipelines.apply(TestPipelines.steps(
                "  - threshold: {input: probabilities, output: fraud, column: 1, threshold: 0.5, labels: [\"no\", \"yes\"]}\n"),
                List.of(p)).get(1);
        assertArrayEquals(new String[] {"no", "yes", "yes"}, strings(t));
    }

    @Test
    void meanPoolingUsesTheAttentionMaskThenL2Normalises() {
        Tensor hidden = Tensor.ofFloats("last_hidden_state", new long[] {1, 3, 2}, new float[] {2, 4, 4, 4, 100,
                100});
        Tensor mask = Tensor.ofLongs("attention_mask", new long[] {1, 3}, new long[] {1, 1, 0});
        List<Tensor> out = TestPipelines.apply(TestPipelines.steps(
                "  - mean_pool: {}\n  - l2_normalize: {}\n"), List.of(hidden, mask));
        Tensor e = Tensors.find(out, "embedding");
        assertArrayEquals(new long[] {1, 2}, e.shape());
        assertArrayEquals(new float[] {0.6f, 0.8f}, floats(e), 1e-7f);
    }
}
