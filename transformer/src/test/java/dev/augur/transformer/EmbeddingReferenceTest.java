package dev.augur.transformer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.client.PredictorClient;
import dev.augur.transformer.service.Pipeline;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sentence embeddings: text -> tokenize (transformer) -> all-MiniLM-L6-v2 on ONNX Runtime (the predictor process)
 * -> mean pooling + L2 normalisation (transformer), against langchain4j's own embedding model for the same
 * sentences.
 */
class EmbeddingReferenceTest {
    static PredictorClient client;
    static Pipeline pipeline;
    static AllMiniLmL6V2EmbeddingModel reference;

    @BeforeAll
    static void setUp() {
        PredictorProcess predictor = PredictorProcess.get();
        client = new PredictorClient(predictor.address(), 60_000);
        pipeline = TestPipelines.pipeline("""
                name: minilm
                predictor: {model: minilm}
                preprocess:
                  - tokenize: {tokenizer: %s, max_length: 256}
                postprocess:
                  - mean_pool: {input: last_hidden_state, mask: attention_mask, output: embedding}
                  - l2_normalize: {input: embedding}
                outputs: [embedding]
                """.formatted(predictor.tokenizer()));
        reference = new AllMiniLmL6V2EmbeddingModel();
    }

    @AfterAll
    static void tearDown() {
        client.close();
    }

    static float[] embed(String... texts) {
        InferenceResponse r = TestPipelines.run(pipeline, client,
                List.of(Tensor.ofStrings("text", new long[] {texts.length}, texts)));
        Tensor e = r.outputs().get(0);
        float[] f = new float[e.size()];
        e.data().asFloatBuffer().get(f);
        return f;
    }

    static double cosine(float[] a, int offset, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < b.length; i++) {
            dot += a[offset + i] * b[i];
            na += a[offset + i] * a[offset + i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void batchedEmbeddingsMatchLangchain4j() {
        List<String> texts = Sentences.ALL.subList(0, Sentences.ALL.size() - 1);
        float[] batch = embed(texts.toArray(String[]::new));
        assertTrue(batch.length == texts.size() * 384);
        double worst = 1;
        for (int i = 0; i < texts.size(); i++) {
            float[] ref = reference.embed(texts.get(i)).content().vector();
            double c = cosine(batch, i * 384, ref);
            worst = Math.min(worst, c);
            assertTrue(c >= 0.9999, "cosine " + c + " for '" + texts.get(i) + "'");
        }
        System.out.printf("MiniLM batched: worst cosine vs langchain4j over %d sentences = %.8f%n", texts.size(),
                worst);
    }

    @Test
    void singleEmbeddingMatchesLangchain4j() {
        String text = Sentences.ALL.get(1);
        double c = cosine(embed(text), 0, reference.embed(text).content().vector());
        assertTrue(c >= 0.9999, "cosine " + c);
    }

    @Test
    void paddingInABatchDoesNotChangeAnEmbedding() {
        float[] alone = embed("Hello world");
        float[] padded = embed("Hello world", Sentences.ALL.get(4));
        assertArrayEquals(alone, java.util.Arrays.copyOf(padded, 384), 1e-5f);
    }
}
