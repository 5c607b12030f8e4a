package dev.augur.predictor.runtime.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.predictor.GenerativeProfile;
import dev.augur.protocol.generate.Generate;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's parts on the tiny decoder, each against the numpy reference or a property it must keep. A Quarkus
 * test only so that it shares the application's class loader: the tokenizers' native library binds to one loader.
 */
@QuarkusTest
@TestProfile(GenerativeProfile.class)
class TinyGptPiecesTest {
    static final Path DIR = Path.of("..", "models", "tiny-gpt", "1");
    static JsonNode reference;
    static TextTokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        reference = new ObjectMapper().readTree(DIR.resolveSibling("reference.json").toFile());
        tokenizer = TextTokenizer.load(DIR.resolve("tokenizer.json"));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static long[] ids(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    @Test
    void tokenizerEncodesAsThePythonBpe() {
        for (JsonNode t : reference.get("tokenizer")) {
            assertArrayEquals(ids(t.get("ids")), tokenizer.encode(t.get("text").asText(), true),
                    t.get("text").asText());
        }
    }

    @Test
    void chatTemplateRendersAsTheReference() throws Exception {
        JsonNode config = new ObjectMapper().readTree(DIR.resolve("tokenizer_config.json").toFile());
        ChatTemplate template = new ChatTemplate(config.get("chat_template").asText(), Map.of("eos_token", "x"));
        for (JsonNode chat : reference.get("chat")) {
            List<Generate.Message> messages = new ArrayList<>();
            chat.get("messages").forEach(m -> messages.add(new Generate.Message(m.get("role").asText(),
                    m.get("content").asText())));
            assertEquals(chat.get("prompt").asText(), template.render(messages));
        }
    }

    @Test
    void firstStepLogitsMatchTheReference() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = env.createSession(DIR.resolve("model.onnx").toString(), new OrtSession.SessionOptions());
        try (DecoderSession decoder = new DecoderSession(env, session); DecoderSession.Cache cache = decoder.cache()) {
            JsonNode ref = reference.get("first_step_logits");
            float[] logits = cache.step(tokenizer.encode(ref.get("prompt").asText(), true));
            assertEquals(ref.get("logits").size(), logits.length);
            for (int i = 0; i < logits.length; i++) {
                assertEquals(ref.get("logits").get(i).asDouble(), logits[i], 1e-4, "logit " + i);
            }
        }
    }

    @Test
    void streamDecoderHoldsBackSplitCharactersAndLosesNothing() {
        String text = "naïve café 😀 ünïcödé";
        long[] all = tokenizer.encode(text, true);
        StreamDecoder d = new StreamDecoder(tokenizer);
        StringBuilder out = new StringBuilder();
        for (long id : all) {
            String piece = d.add(id);
            assertFalse(piece.contains("\uFFFD"), "a piece with half a character: " + piece);
            out.append(piece);
        }
        out.append(d.flush());
        assertEquals(text, out.toString());
    }

    @Test
    void stopTextHoldsBackAPossibleStopSequence() {
        StopText t = new StopText(List.of("END"));
        t.add("abc E");
        assertEquals("abc ", t.releasable());
        t.add("N");
        assertEquals("", t.releasable());
        t.add("Dx");
        assertEquals("abc ", t.text());
        assertEquals("", t.rest());
    }

    @Test
    void stopTextReleasesAFalseStart() {
        StopText t = new StopText(List.of("END"));
        t.add("abc EN");
        assertEquals("abc ", t.releasable());
        t.add("o");
        assertEquals("ENo", t.releasable());
    }

    @Test
    void greedySamplerTakesTheFirstLargest() {
        assertEquals(1, new Sampler(0, 0, 1, 0).next(new float[] {0.5f, 2f, 2f, -1f}));
    }
}
