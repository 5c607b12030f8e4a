package dev.augur.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenize step with MiniLM's tokenizer.json against an independent BERT WordPiece implementation. */
class TokenizerReferenceTest {
    static final java.nio.file.Path TOKENIZER = PredictorProcess.get().tokenizer();

    static List<TransformStep> step(String extra) {
        return TestPipelines.steps("  - tokenize: {tokenizer: " + TOKENIZER + extra + "}\n");
    }

    static List<Tensor> tokenize(List<TransformStep> steps, String... texts) {
        return TestPipelines.apply(steps, List.of(Tensor.ofStrings("text", new long[] {texts.length}, texts)));
    }

    static long[] row(Tensor t, int r) {
        int len = (int) t.shape()[1];
        long[] all = new long[t.size()];
        t.data().asLongBuffer().get(all);
        return Arrays.copyOfRange(all, r * len, (r + 1) * len);
    }

    @Test
    void idsEqualTheIndependentReference() {
        BertReference ref = new BertReference(TOKENIZER);
        String[] texts = Sentences.ALL.toArray(String[]::new);
        List<Tensor> out = tokenize(step(""), texts);
        Tensor ids = Tensors.find(out, "input_ids");
        Tensor mask = Tensors.find(out, "attention_mask");
        for (int r = 0; r < texts.length; r++) {
            long[] expected = ref.encode(texts[r]);
            long[] got = row(ids, r);
            long[] m = row(mask, r);
            int n = (int) Arrays.stream(m).sum();
            assertArrayEquals(expected, Arrays.copyOf(got, n), "ids of '" + texts[r] + "'");
            for (int i = n; i < got.length; i++) {
                assertEquals(0, got[i], "padding of '" + texts[r] + "'");
            }
        }
    }

    @Test
    void helloWorldHasBertsPublishedIds() {
        assertArrayEquals(new long[] {101, 7592, 2088, 102},
                row(Tensors.find(tokenize(step(""), "Hello world"), "input_ids"), 0));
    }

    @Test
    void batchIsPaddedToTheLongestWithTypeIds() {
        List<Tensor> out = tokenize(step(""), "a", "a b c");
        assertArrayEquals(new long[] {2, 5}, Tensors.find(out, "input_ids").shape());
        assertArrayEquals(new long[] {1, 1, 1, 0, 0}, row(Tensors.find(out, "attention_mask"), 0));
        assertArrayEquals(new long[] {0, 0, 0, 0, 0}, row(Tensors.find(out, "token_type_ids"), 1));
    }

    @Test
    void textOverTheLimitWithoutTruncationIs400NamingTheInput() {
        InferenceException e = assertThrows(InferenceException.class,
                () -> tokenize(step(", max_length: 8"), "short", "one two three four five six seven eight"));
        assertEquals("input 'text' element 1: 10 tokens, over the model's limit of 8 (set 'truncation: true' in the "
                + "tokenize step to cut)", e.getMessage());
    }

    @Test
    void truncationCutsToTheLimit() {
        long[] ids = row(Tensors.find(tokenize(step(", max_length: 8, truncation: true"),
                "one two three four five six seven eight"), "input_ids"), 0);
        assertEquals(8, ids.length);
        assertEquals(102, ids[7]);
    }
}
