package dev.augur.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.generate.Generate;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tiny decoder ({@code models/tiny-gpt}) through the predictor's generate convention, against the numpy
 * reference that recomputes every step without a cache.
 */
@QuarkusTest
@TestProfile(GenerativeProfile.class)
class TextGenerationTest {
    private ManagedChannel channel;
    private Generations calls;

    @BeforeEach
    void connect() {
        channel = GrpcClients.channel();
        calls = new Generations(channel);
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    private Generate.Result greedy(JsonNode ref) {
        return calls.infer(Generations.prompt(ref.get("prompt").asText(), Generations.greedy(ref.get("max_tokens")
                .asInt())));
    }

    @Test
    void greedyTextEqualsTheNumpyReference() {
        for (JsonNode ref : TinyGptReference.JSON.get("greedy")) {
            Generate.Result r = greedy(ref);
            assertEquals(ref.get("text").asText(), r.text(), "prompt " + ref.get("prompt"));
            assertEquals(ref.get("finish_reason").asText(), r.finishReason(), "prompt " + ref.get("prompt"));
            assertEquals(ref.get("token_ids").size(), r.completionTokens(), "prompt " + ref.get("prompt"));
            assertEquals(ref.get("prompt_ids").size(), r.promptTokens(), "prompt " + ref.get("prompt"));
        }
    }

    @Test
    void anEndTokenFinishesWithStop() {
        JsonNode ref = TinyGptReference.greedy(2);
        assertEquals("stop", ref.get("finish_reason").asText(), "the reference ends this prompt with <|im_end|>");
        Generate.Result r = greedy(ref);
        assertEquals("stop", r.finishReason());
        assertEquals("", r.text());
    }

    @Test
    void chatThroughTheTemplateEqualsTheNumpyReference() {
        for (JsonNode ref : TinyGptReference.JSON.get("chat")) {
            List<Generate.Message> messages = new ArrayList<>();
            ref.get("messages").forEach(m -> messages.add(new Generate.Message(m.get("role").asText(),
                    m.get("content").asText())));
            Generate.Result r = calls.infer(Generate.chatRequest("c", "tiny-gpt", messages,
                    Generations.greedy(ref.get("max_tokens").asInt())));
            assertEquals(ref.get("text").asText(), r.text());
            assertEquals(ref.get("prompt_ids").size(), r.promptTokens());
        }
    }

    @Test
    void seededSamplingEqualsTheNumpyReference() {
        for (JsonNode ref : TinyGptReference.JSON.get("sampled")) {
            Generate.Parameters p = new Generate.Parameters(ref.get("max_tokens").asInt(),
                    ref.get("temperature").asDouble(), ref.get("top_p").asDouble(), ref.get("top_k").asInt(),
                    ref.get("seed").asLong(), List.of());
            Generate.Result r = calls.infer(Generations.prompt(ref.get("prompt").asText(), p));
            assertEquals(ref.get("text").asText(), r.text(), "seed " + ref.get("seed"));
            assertEquals(ref.get("finish_reason").asText(), r.finishReason(), "seed " + ref.get("seed"));
        }
    }

    @Test
    void seededSamplingIsRepeatable() {
        Generate.Parameters p = new Generate.Parameters(20, 1.2, 0.95, 50, 99L, List.of());
        String first = calls.infer(Generations.prompt("Hello world", p)).text();
        assertEquals(first, calls.infer(Generations.prompt("Hello world", p)).text());
    }

    @Test
    void streamedPiecesConcatenateToTheUnstreamedText() throws Exception {
        for (JsonNode ref : TinyGptReference.JSON.get("greedy")) {
            List<Generate.Result> pieces = calls.stream(Generations.prompt(ref.get("prompt").asText(),
                    Generations.greedy(ref.get("max_tokens").asInt())));
            StringBuilder text = new StringBuilder();
            pieces.forEach(p -> text.append(p.text()));
            assertEquals(ref.get("text").asText(), text.toString());
            Generate.Result last = pieces.get(pieces.size() - 1);
            assertEquals(ref.get("finish_reason").asText(), last.finishReason());
            for (Generate.Result p : pieces.subList(0, pieces.size() - 1)) {
                assertFalse(p.finished(), "only the last piece has a finish reason");
            }
        }
    }

    @Test
    void tokensAreStreamedAsTheyAreProduced() throws Exception {
        JsonNode ref = TinyGptReference.greedy(0);
        List<Generate.Result> pieces = calls.stream(Generations.prompt(ref.get("prompt").asText(),
                Generations.greedy(24)));
        assertTrue(pieces.size() > 10, "one piece per token or so, got " + pieces.size());
        for (int i = 1; i < pieces.size(); i++) {
            assertTrue(pieces.get(i).completionTokens() >= pieces.get(i - 1).completionTokens());
        }
    }

    @Test
    void aStopSequenceEndsTheTextBeforeIt() {
        JsonNode ref = TinyGptReference.greedy(0);
        String full = ref.get("text").asText();
        String stop = " again";
        Generate.Result r = calls.infer(Generations.prompt(ref.get("prompt").asText(),
                new Generate.Parameters(24, 0.0, null, null, null, List.of("zzz", stop))));
        assertEquals(full.substring(0, full.indexOf(stop)), r.text());
        assertEquals("stop", r.finishReason());
    }

    @Test
    void aStreamNeverShowsPartOfAStopSequence() throws Exception {
        JsonNode ref = TinyGptReference.greedy(0);
        String full = ref.get("text").asText();
        String stop = " again";
        List<Generate.Result> pieces = calls.stream(Generations.prompt(ref.get("prompt").asText(),
                new Generate.Parameters(24, 0.0, null, null, null, List.of(stop))));
        StringBuilder text = new StringBuilder();
        pieces.forEach(p -> text.append(p.text()));
        assertEquals(full.substring(0, full.indexOf(stop)), text.toString());
    }

    @Test
    void maxTokensBoundsTheCompletion() {
        JsonNode ref = TinyGptReference.greedy(0);
        Generate.Result r = calls.infer(Generations.prompt(ref.get("prompt").asText(), Generations.greedy(5)));
        assertEquals(5, r.completionTokens());
        assertEquals("length", r.finishReason());
        assertTrue(ref.get("text").asText().startsWith(r.text()));
    }

    @Test
    void concurrentGenerationsShareTheModelAndStayExact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Generate.Result>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JsonNode ref = TinyGptReference.greedy(i % 4);
                futures.add(pool.submit(() -> greedy(ref)));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(TinyGptReference.greedy(i % 4).get("text").asText(), futures.get(i).get().text());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void maxTokensBeyondTheContextIsInvalid() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> calls.infer(
                Generations.prompt("Hello", Generations.greedy(100_000))));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("maximum context length is 512"),
                e.getStatus().getDescription());
    }

    @Test
    void aWrongParameterTypeIsInvalid() {
        var r = Generations.prompt("Hello", Generate.Parameters.DEFAULTS);
        var params = new java.util.HashMap<String, Object>(r.parameters());
        params.put(Generate.TEMPERATURE, "hot");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> calls.infer(
                new dev.augur.protocol.core.InferenceRequest("x", "tiny-gpt", null, params, r.inputs(), List.of(), false)));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("temperature"));
    }

    @Test
    void aStreamErrorCarriesItsCode() {
        InferenceException e = assertThrows(InferenceException.class, () -> calls.stream(
                Generate.promptRequest("x", "no-such-model", "Hello", Generate.Parameters.DEFAULTS)));
        assertEquals(ErrorCode.NOT_FOUND, e.code());
    }

    @Test
    void streamingAnEmbeddingModelIsInvalid() {
        InferenceException e = assertThrows(InferenceException.class, () -> calls.stream(
                Generate.promptRequest("x", "minilm", "Hello", Generate.Parameters.DEFAULTS)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
