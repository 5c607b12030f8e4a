package dev.augur.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.generate.Generate;
import dev.augur.protocol.grpc.GrpcCodec;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.grpc.ManagedChannel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** all-MiniLM-L6-v2 on the Hugging Face runtime against langchain4j's own embedding model of the same jar. */
@QuarkusTest
@TestProfile(GenerativeProfile.class)
class EmbeddingRuntimeTest {
    static final List<String> TEXTS = List.of("Hello world", "The quick brown fox jumps over the lazy dog.",
            "Sentence embeddings are mean-pooled and normalised.", "Ünïcödé and emoji 😀 survive tokenisation.",
            "A much longer sentence, with punctuation; numbers like 12345 and 3.14, and several clauses that make the "
                    + "padding of shorter sentences in the same batch matter.");
    static final AllMiniLmL6V2EmbeddingModel REFERENCE = new AllMiniLmL6V2EmbeddingModel();

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = GrpcClients.channel();
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    private InferenceResponse embed(List<String> texts) {
        InferenceRequest r = new InferenceRequest("e", "minilm", null, null, List.of(Tensor.ofStrings(Generate.TEXT,
                new long[] {texts.size()}, texts.toArray(String[]::new))), List.of(), false);
        return GrpcCodec.decodeResponse(GrpcClients.stub(channel).modelInfer(GrpcCodec.encodeRequest(r)));
    }

    private static float[] floats(Tensor t) {
        float[] f = new float[t.size()];
        t.data().asFloatBuffer().get(f);
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
    void batchedVectorsMatchLangchain4j() {
        float[] batch = floats(embed(TEXTS).output(Generate.EMBEDDING));
        assertEquals(TEXTS.size() * 384, batch.length);
        for (int i = 0; i < TEXTS.size(); i++) {
            double c = cosine(batch, i * 384, REFERENCE.embed(TEXTS.get(i)).content().vector());
            assertTrue(c >= 0.9999, "cosine " + c + " for '" + TEXTS.get(i) + "'");
        }
    }

    @Test
    void vectorsAreUnitLength() {
        float[] v = floats(embed(List.of(TEXTS.get(1))).output(Generate.EMBEDDING));
        assertEquals(1.0, Math.sqrt(dot(v, v)), 1e-5);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void paddingInABatchDoesNotChangeAVector() {
        float[] alone = floats(embed(List.of("Hello world")).output(Generate.EMBEDDING));
        float[] padded = floats(embed(List.of("Hello world", TEXTS.get(4))).output(Generate.EMBEDDING));
        assertArrayEquals(alone, java.util.Arrays.copyOf(padded, 384), 1e-5f);
    }

    @Test
    void tokenCountsIncludeTheSpecialTokens() {
        Tensor counts = embed(List.of("Hello world")).output(Generate.NUM_INPUT_TOKENS);
        assertEquals(4, counts.getLong(0), "[CLS] hello world [SEP]");
    }
}
