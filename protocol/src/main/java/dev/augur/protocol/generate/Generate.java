package dev.augur.protocol.generate;

import com.fasterxml.jackson.core.JsonToken;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Json;
import dev.augur.protocol.core.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text generation over the V2 protocol, Triton's generate convention: the prompt as a BYTES input
 * {@code text_input} (or the chat as {@code messages}, a JSON array of {@code {"role", "content"}} that the model's
 * chat template turns into the prompt where the tokenizer lives), sampling settings as request parameters, and the
 * answer as {@code text_output} with {@code finish_reason}, {@code num_input_tokens} and {@code num_output_tokens}
 * (the vLLM backend's names). Streamed over {@code ModelStreamInfer}: every response carries the new text, the last
 * one has the response parameter {@code triton_final_response: true} and the finish reason.
 */
public final class Generate {
    public static final String TEXT_INPUT = "text_input";
    public static final String MESSAGES = "messages";
    public static final String TEXT_OUTPUT = "text_output";
    public static final String FINISH_REASON = "finish_reason";
    public static final String NUM_INPUT_TOKENS = "num_input_tokens";
    public static final String NUM_OUTPUT_TOKENS = "num_output_tokens";
    /** Triton's decoupled-model marker on the last response of a stream. */
    public static final String FINAL_RESPONSE = "triton_final_response";

    public static final String MAX_TOKENS = "max_tokens";
    public static final String TEMPERATURE = "temperature";
    public static final String TOP_P = "top_p";
    public static final String TOP_K = "top_k";
    public static final String SEED = "seed";
    /** Stop sequences: a JSON array of strings in one string parameter (parameters are scalars). */
    public static final String STOP = "stop";

    /** Embedding models: the texts in, one vector per text out. */
    public static final String TEXT = "text";
    public static final String EMBEDDING = "embedding";

    private Generate() {
    }

    /**
     * What to generate. Null fields take the model's defaults.
     *
     * @param maxTokens   most tokens to generate (null: up to the model's context)
     * @param temperature 0 is greedy; null is 1
     * @param topP        nucleus mass in (0, 1]; null is 1
     * @param topK        candidates kept (0 = all); null is 0
     * @param seed        seed of the sampler (null: a random one)
     * @param stop        stop sequences: the text ends before the first one produced
     */
    public record Parameters(Integer maxTokens, Double temperature, Double topP, Integer topK, Long seed,
            List<String> stop) {
        public Parameters {
            stop = stop == null ? List.of() : List.copyOf(stop);
        }

        public static final Parameters DEFAULTS = new Parameters(null, null, null, null, null, List.of());

        /** A copy with another seed (the n choices of one request differ by seed). */
        public Parameters withSeed(Long s) {
            return new Parameters(maxTokens, temperature, topP, topK, s, stop);
        }

        /** As V2 request parameters. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (maxTokens != null) {
                m.put(MAX_TOKENS, (long) maxTokens);
            }
            if (temperature != null) {
                m.put(TEMPERATURE, temperature);
            }
            if (topP != null) {
                m.put(TOP_P, topP);
            }
            if (topK != null) {
                m.put(TOP_K, (long) topK);
            }
            if (seed != null) {
                m.put(SEED, seed);
            }
            if (!stop.isEmpty()) {
                m.put(STOP, new String(Json.write(g -> {
                    g.writeStartArray();
                    for (String s : stop) {
                        g.writeString(s);
                    }
                    g.writeEndArray();
                }), StandardCharsets.UTF_8));
            }
            return m;
        }

        /** From V2 request parameters; a wrong type or range is a 400 naming the parameter. */
        public static Parameters fromMap(Map<String, Object> p) {
            Integer maxTokens = p.containsKey(MAX_TOKENS) ? (int) integer(p, MAX_TOKENS, 1, Integer.MAX_VALUE) : null;
            Double temperature = p.containsKey(TEMPERATURE) ? number(p, TEMPERATURE, 0, 2) : null;
            Double topP = p.containsKey(TOP_P) ? number(p, TOP_P, 0, 1) : null;
            if (topP != null && topP == 0) {
                throw InferenceException.invalid("parameter 'top_p' must be greater than 0");
            }
            Integer topK = p.containsKey(TOP_K) ? (int) integer(p, TOP_K, 0, Integer.MAX_VALUE) : null;
            Long seed = p.containsKey(SEED) ? integer(p, SEED, Long.MIN_VALUE, Long.MAX_VALUE) : null;
            List<String> stop = List.of();
            Object s = p.get(STOP);
            if (s != null) {
                if (!(s instanceof String text)) {
                    throw InferenceException.invalid("parameter 'stop' must be a string holding a JSON array of "
                            + "strings");
                }
                stop = stopList(text);
            }
            return new Parameters(maxTokens, temperature, topP, topK, seed, stop);
        }

        private static List<String> stopList(String json) {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            return Json.parse(b, 0, b.length, parser -> {
                Json.expect(parser, parser.nextToken(), JsonToken.START_ARRAY, "parameter 'stop'");
                List<String> out = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    Json.expect(parser, t, JsonToken.VALUE_STRING, "parameter 'stop' element");
                    if (!parser.getText().isEmpty()) {
                        out.add(parser.getText());
                    }
                }
                return out;
            });
        }

        private static long integer(Map<String, Object> p, String key, long min, long max) {
            Object v = p.get(key);
            if (!(v instanceof Long || v instanceof Integer) || ((Number) v).longValue() < min
                    || ((Number) v).longValue() > max) {
                throw InferenceException.invalid("parameter '" + key + "' must be an integer"
                        + (min > Long.MIN_VALUE ? " >= " + min : "") + ", got " + v);
            }
            return ((Number) v).longValue();
        }

        private static double number(Map<String, Object> p, String key, double min, double max) {
            Object v = p.get(key);
            if (!(v instanceof Number n) || Double.isNaN(n.doubleValue()) || n.doubleValue() < min
                    || n.doubleValue() > max) {
                throw InferenceException.invalid("parameter '" + key + "' must be a number from " + min + " to "
                        + max + ", got " + v);
            }
            return n.doubleValue();
        }
    }

    /** One chat message. */
    public record Message(String role, String content) {
    }

    /**
     * The answer of one generation, or one streamed piece of it.
     *
     * @param text             the text (a streamed response: the new text only)
     * @param finishReason     {@code stop} (an end token or stop sequence), {@code length} (max tokens or context);
     *                         empty while a stream goes on
     * @param promptTokens     tokens of the prompt
     * @param completionTokens tokens generated so far
     */
    public record Result(String text, String finishReason, long promptTokens, long completionTokens) {

        public boolean finished() {
            return !finishReason.isEmpty();
        }

        public List<Tensor> toOutputs(List<String> wanted) {
            List<Tensor> out = new ArrayList<>(wanted.size());
            for (String name : wanted) {
                switch (name) {
                    case TEXT_OUTPUT -> out.add(Tensor.ofStrings(TEXT_OUTPUT, new long[] {1}, text));
                    case FINISH_REASON -> out.add(Tensor.ofStrings(FINISH_REASON, new long[] {1}, finishReason));
                    case NUM_INPUT_TOKENS -> out.add(Tensor.ofLongs(NUM_INPUT_TOKENS, new long[] {1},
                            new long[] {promptTokens}));
                    case NUM_OUTPUT_TOKENS -> out.add(Tensor.ofLongs(NUM_OUTPUT_TOKENS, new long[] {1},
                            new long[] {completionTokens}));
                    default -> throw InferenceException.invalid("no output '" + name + "'");
                }
            }
            return out;
        }

        public static Result fromResponse(InferenceResponse r) {
            Tensor text = r.output(TEXT_OUTPUT);
            if (text == null || text.datatype() != DataType.BYTES || text.elements().length != 1) {
                throw new InferenceException(ErrorCode.INTERNAL, "model '" + r.modelName()
                        + "' answered no single text_output: is it a text-generation model?");
            }
            Tensor finish = r.output(FINISH_REASON);
            Tensor in = r.output(NUM_INPUT_TOKENS);
            Tensor out = r.output(NUM_OUTPUT_TOKENS);
            return new Result(new String(text.elements()[0], StandardCharsets.UTF_8),
                    finish == null ? "" : new String(finish.elements()[0], StandardCharsets.UTF_8),
                    in == null ? 0 : in.getLong(0), out == null ? 0 : out.getLong(0));
        }
    }

    /** A generation request for a prompt. */
    public static InferenceRequest promptRequest(String id, String model, String prompt, Parameters p) {
        return new InferenceRequest(id, model, null, p.toMap(),
                List.of(Tensor.ofStrings(TEXT_INPUT, new long[] {1}, prompt)), List.of(), false);
    }

    /** A generation request for a chat: the model applies its chat template. */
    public static InferenceRequest chatRequest(String id, String model, List<Message> messages, Parameters p) {
        return new InferenceRequest(id, model, null, p.toMap(),
                List.of(Tensor.ofBytes(MESSAGES, new long[] {1}, new byte[][] {encodeMessages(messages)}, null)),
                List.of(), false);
    }

    public static byte[] encodeMessages(List<Message> messages) {
        return Json.write(g -> {
            g.writeStartArray();
            for (Message m : messages) {
                g.writeStartObject();
                g.writeStringField("role", m.role());
                g.writeStringField("content", m.content());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** The {@code messages} input: a JSON array of objects with string {@code role} and {@code content}. */
    public static List<Message> decodeMessages(byte[] json) {
        return Json.parse(json, 0, json.length, p -> {
            Json.expect(p, p.nextToken(), JsonToken.START_ARRAY, "input 'messages'");
            List<Message> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                Json.expect(p, t, JsonToken.START_OBJECT, "input 'messages' element");
                String role = null;
                String content = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    JsonToken v = p.nextToken();
                    if (k.equals("role") || k.equals("content")) {
                        Json.expect(p, v, JsonToken.VALUE_STRING, "input 'messages' " + k);
                        if (k.equals("role")) {
                            role = p.getText();
                        } else {
                            content = p.getText();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                if (role == null || content == null) {
                    throw InferenceException.invalid("input 'messages' element " + out.size()
                            + " needs a string 'role' and 'content'");
                }
                out.add(new Message(role, content));
            }
            if (out.isEmpty()) {
                throw InferenceException.invalid("input 'messages' is empty");
            }
            return out;
        });
    }
}
