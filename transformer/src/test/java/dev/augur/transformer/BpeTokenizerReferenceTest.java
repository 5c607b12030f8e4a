package dev.augur.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tokenize step with a GPT-style byte-level BPE {@code tokenizer.json} (the tiny generation model's, written by
 * {@code models/generate_tiny_gpt.py}) against that script's own BPE implementation in Python: the merges applied
 * by rank to each pre-tokenised word's bytes, as GPT-2's encoder does.
 */
class BpeTokenizerReferenceTest {
    static final Path MODEL = Path.of("../models/tiny-gpt").toAbsolutePath().normalize();

    @Test
    void idsEqualTheScriptsBpeReference() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(MODEL.resolve("reference.json").toFile()).get("tokenizer");
        List<TransformStep> steps = TestPipelines.steps("  - tokenize: {tokenizer: "
                + MODEL.resolve("1/tokenizer.json") + "}\n");
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            long[] expected = new long[c.get("ids").size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = c.get("ids").get(i).asLong();
            }
            List<Tensor> out = TestPipelines.apply(steps, List.of(Tensor.ofStrings("text", new long[] {1}, text)));
            Tensor ids = Tensors.find(out, "input_ids");
            long[] got = new long[ids.size()];
            ids.data().asLongBuffer().get(got);
            assertArrayEquals(expected, got, "ids of " + Arrays.toString(text.getBytes()) + " '" + text + "'");
        }
    }
}
