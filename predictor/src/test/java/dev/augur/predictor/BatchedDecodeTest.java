package dev.augur.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.protocol.generate.Generate;
import io.grpc.ManagedChannel;
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
 * Batched decode steps ({@code tiny-gpt-batched}: {@code max_batch_size: 8}): generations of different lengths
 * share one ONNX Runtime call per step, their caches left-padded side by side, and each still equals the numpy
 * reference.
 */
@QuarkusTest
@TestProfile(GenerativeProfile.class)
class BatchedDecodeTest {
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

    private Generate.Result run(JsonNode ref, Generate.Parameters p) {
        return calls.infer(Generate.promptRequest("b", "tiny-gpt-batched", ref.get("prompt").asText(), p));
    }

    @Test
    void aLoneGenerationEqualsTheReference() {
        JsonNode ref = TinyGptReference.greedy(0);
        assertEquals(ref.get("text").asText(), run(ref, Generations.greedy(24)).text());
    }

    @Test
    void concurrentGreedyGenerationsOfDifferentLengthsEqualTheReference() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Generate.Result>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JsonNode ref = TinyGptReference.greedy(i % 4);
                futures.add(pool.submit(() -> run(ref, Generations.greedy(24))));
            }
            for (int i = 0; i < 8; i++) {
                JsonNode ref = TinyGptReference.greedy(i % 4);
                Generate.Result r = futures.get(i).get();
                assertEquals(ref.get("text").asText(), r.text(), "prompt " + ref.get("prompt"));
                assertEquals(ref.get("finish_reason").asText(), r.finishReason());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentSeededSamplingEqualsTheReference() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Generate.Result>> futures = new ArrayList<>();
            for (JsonNode ref : TinyGptReference.JSON.get("sampled")) {
                Generate.Parameters p = new Generate.Parameters(ref.get("max_tokens").asInt(),
                        ref.get("temperature").asDouble(), ref.get("top_p").asDouble(), ref.get("top_k").asInt(),
                        ref.get("seed").asLong(), List.of());
                futures.add(pool.submit(() -> run(ref, p)));
            }
            int i = 0;
            for (JsonNode ref : TinyGptReference.JSON.get("sampled")) {
                assertEquals(ref.get("text").asText(), futures.get(i++).get().text(), "seed " + ref.get("seed"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void streamingWorksWithBatchedSteps() throws Exception {
        JsonNode ref = TinyGptReference.greedy(3);
        List<Generate.Result> pieces = calls.stream(Generate.promptRequest("s", "tiny-gpt-batched",
                ref.get("prompt").asText(), Generations.greedy(24)));
        StringBuilder text = new StringBuilder();
        pieces.forEach(p -> text.append(p.text()));
        assertEquals(ref.get("text").asText(), text.toString());
    }
}
