package dev.augur.predictor.runtime.hf;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.predictor.config.PredictorConfig;
import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.predictor.runtime.ModelRuntime;
import dev.augur.predictor.runtime.ModelSettings;
import dev.augur.predictor.runtime.onnx.OnnxSessions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * KServe's Hugging Face runtime ({@code format: huggingface}) on ONNX Runtime: a model folder as Hugging Face
 * Optimum exports it ({@code model.onnx}, {@code tokenizer.json}, optional {@code tokenizer_config.json},
 * {@code generation_config.json}, {@code config.json}). The task comes from the graph: a decoder with
 * {@code past_key_values} inputs generates text ({@link GenerativeModel}); an encoder with a hidden-state output
 * embeds sentences ({@link EmbeddingModel}).
 */
@ApplicationScoped
public class HuggingFaceRuntime implements ModelRuntime {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PredictorConfig.Onnx config;

    public HuggingFaceRuntime(PredictorConfig config) {
        this.config = config.onnx();
    }

    @Override
    public Set<String> formats() {
        return Set.of("huggingface");
    }

    @Override
    public boolean accepts(Path file) {
        return file.getFileName().toString().endsWith(".onnx")
                && Files.isRegularFile(file.resolveSibling("tokenizer.json"));
    }

    @Override
    public LoadedModel load(Path file, ModelSettings settings) throws Exception {
        Path dir = file.getParent();
        Path tokenizerFile = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new IOException("no tokenizer.json beside " + file.getFileName());
        }
        JsonNode tokenizerJson = read(tokenizerFile);
        JsonNode tokenizerConfig = read(dir.resolve("tokenizer_config.json"));
        JsonNode modelConfig = read(dir.resolve("config.json"));
        JsonNode generationConfig = read(dir.resolve("generation_config.json"));
        OrtSession session = OnnxSessions.open(config, file);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        TextTokenizer tokenizer = null;
        try {
            long bytes = Files.size(file);
            boolean decoder = session.getInputInfo().keySet().stream().anyMatch(n -> n.startsWith(DecoderSession.PAST));
            if (!decoder) {
                if (session.getOutputInfo().containsKey("logits")) {
                    throw new IllegalArgumentException("a decoder without past_key_values inputs: export it with past "
                            + "key values (Optimum: --task text-generation-with-past)");
                }
                return embedding(env, session, tokenizerFile, tokenizerJson, tokenizerConfig, modelConfig, bytes);
            }
            DecoderSession d = new DecoderSession(env, session);
            Set<Long> eos = eosIds(generationConfig, modelConfig, tokenizerConfig, tokenizerJson);
            if (eos.isEmpty()) {
                throw new IllegalArgumentException("no end token: set eos_token_id in generation_config.json or "
                        + "eos_token in tokenizer_config.json");
            }
            String chat = chatTemplate(tokenizerConfig.path("chat_template"));
            ChatTemplate template = chat == null ? null : new ChatTemplate(chat, specialTokens(tokenizerConfig));
            tokenizer = TextTokenizer.load(tokenizerFile);
            // max_batch_size > 1: decode steps of concurrent generations run as one call (max_latency_ms bounds the
            // wait for the others).
            StepBatcher batcher = settings.maxBatchSize() > 1 ? new StepBatcher(d, settings.maxBatchSize(),
                    java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(settings.maxLatencyMs()),
                    file.getParent().getFileName().toString()) : null;
            return new GenerativeModel(d, tokenizer, template, eos, context(modelConfig, tokenizerConfig, 2048), bytes,
                    batcher);
        } catch (Exception | LinkageError e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            session.close();
            throw e;
        }
    }

    /** A template string, or the one named "default" of a list of named templates. */
    private static String chatTemplate(JsonNode n) {
        if (n.isTextual()) {
            return n.asText();
        }
        for (JsonNode t : n) {
            if ("default".equals(t.path("name").asText()) && t.path("template").isTextual()) {
                return t.path("template").asText();
            }
        }
        return null;
    }

    private static EmbeddingModel embedding(OrtEnvironment env, OrtSession session, Path tokenizerFile,
            JsonNode tokenizerJson, JsonNode tokenizerConfig, JsonNode modelConfig, long bytes)
            throws OrtException, IOException {
        String output = null;
        boolean pooled = false;
        int dim = -1;
        for (String preferred : new String[] {"last_hidden_state", "token_embeddings", "sentence_embedding"}) {
            if (session.getOutputInfo().containsKey(preferred)) {
                output = preferred;
                break;
            }
        }
        if (output == null) {
            output = session.getOutputInfo().keySet().iterator().next();
        }
        NodeInfo info = session.getOutputInfo().get(output);
        long[] shape = ((TensorInfo) info.getInfo()).getShape();
        if (shape.length == 2) {
            pooled = true;
        } else if (shape.length != 3) {
            throw new IllegalArgumentException("output '" + output + "' has shape " + java.util.Arrays.toString(shape)
                    + "; expected [batch, tokens, hidden] or [batch, hidden]");
        }
        dim = (int) shape[shape.length - 1];
        if (dim <= 0) {
            dim = modelConfig.path("hidden_size").asInt(-1);
        }
        if (dim <= 0) {
            throw new IllegalArgumentException("the hidden size of output '" + output + "' is not fixed; set "
                    + "hidden_size in config.json");
        }
        int fromTokenizer = tokenizerJson.path("truncation").path("max_length").asInt(0);
        int max = fromTokenizer > 0 ? fromTokenizer : context(modelConfig, tokenizerConfig, 512);
        long padId = tokenizerJson.path("padding").path("pad_id").asLong(0);
        // Longer texts are cut to max tokens by the tokenizer (sentence-transformers' max_seq_length).
        return new EmbeddingModel(env, session, TextTokenizer.truncating(tokenizerFile, max), output, pooled, dim,
                padId, bytes);
    }

    /** The end tokens: generation_config's eos_token_id (a number or a list), else config.json's, else the token. */
    static Set<Long> eosIds(JsonNode generation, JsonNode model, JsonNode tokenizerConfig, JsonNode tokenizer) {
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode source : new JsonNode[] {generation.path("eos_token_id"), model.path("eos_token_id")}) {
            if (source.isNumber()) {
                ids.add(source.asLong());
            } else if (source.isArray()) {
                source.forEach(n -> ids.add(n.asLong()));
            }
            if (!ids.isEmpty()) {
                return ids;
            }
        }
        String token = tokenText(tokenizerConfig.path("eos_token"));
        if (token != null) {
            for (JsonNode added : tokenizer.path("added_tokens")) {
                if (token.equals(added.path("content").asText())) {
                    ids.add(added.path("id").asLong());
                }
            }
            JsonNode v = tokenizer.path("model").path("vocab").path(token);
            if (v.isNumber()) {
                ids.add(v.asLong());
            }
        }
        return ids;
    }

    /** The special tokens a chat template may use ({@code bos_token}, {@code eos_token}, ...). */
    private static Map<String, Object> specialTokens(JsonNode config) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : new String[] {"bos_token", "eos_token", "pad_token", "unk_token"}) {
            String t = tokenText(config.path(k));
            m.put(k, t == null ? "" : t);
        }
        return m;
    }

    /** A token in tokenizer_config.json: a string, or an AddedToken object with {@code content}. */
    private static String tokenText(JsonNode n) {
        if (n.isTextual()) {
            return n.asText();
        }
        return n.isObject() && n.path("content").isTextual() ? n.path("content").asText() : null;
    }

    private static int context(JsonNode model, JsonNode tokenizerConfig, int fallback) {
        for (String k : new String[] {"max_position_embeddings", "n_positions", "max_sequence_length", "seq_length"}) {
            if (model.path(k).isInt() && model.path(k).asInt() > 0) {
                return model.path(k).asInt();
            }
        }
        // Tokenizers without a limit say 1e30 here.
        JsonNode m = tokenizerConfig.path("model_max_length");
        if (m.isIntegralNumber() && m.asLong() > 0 && m.asLong() < 10_000_000) {
            return m.asInt();
        }
        return fallback;
    }

    private static JsonNode read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file.getFileName() + " is not valid JSON: " + e.getMessage());
        }
    }
}
