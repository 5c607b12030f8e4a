package dev.augur.protocol.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Json;
import dev.augur.protocol.generate.Generate;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The OpenAI API's JSON: requests read with the streaming parser (no reflection, native-friendly), answers, stream
 * chunks and error objects written the way OpenAI's API writes them. A field of the wrong type or range is a 400
 * naming the field ({@code param}); fields that change the answer but are not supported (logprobs, tools, penalties,
 * logit_bias...) are refused rather than ignored; other unknown fields are ignored, as clients send extras.
 */
public final class OpenAiCodec {
    static final int MAX_N = 16;

    private OpenAiCodec() {
    }

    // ---------------------------------------------------------------------------------------------- requests

    public static OpenAi.EmbeddingsRequest decodeEmbeddings(byte[] body) {
        return Json.parse(body, 0, body.length, p -> {
            start(p);
            String model = null;
            List<String> input = null;
            boolean base64 = false;
            Integer dimensions = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case "model" -> model = string(p, t, f);
                    case "input" -> input = texts(p, t, f);
                    case "encoding_format" -> {
                        String e = string(p, t, f);
                        if (!e.equals("float") && !e.equals("base64")) {
                            throw OpenAi.Error.invalid(f, "encoding_format must be 'float' or 'base64', got '" + e + "'");
                        }
                        base64 = e.equals("base64");
                    }
                    case "dimensions" -> dimensions = integer(p, t, f, 1, Integer.MAX_VALUE);
                    default -> p.skipChildren();
                }
            }
            return new OpenAi.EmbeddingsRequest(required(model, "model"), required(input, "input"), base64, dimensions);
        });
    }

    public static OpenAi.GenerationRequest decodeCompletion(byte[] body) {
        return decodeGeneration(body, false);
    }

    public static OpenAi.GenerationRequest decodeChat(byte[] body) {
        return decodeGeneration(body, true);
    }

    private static OpenAi.GenerationRequest decodeGeneration(byte[] body, boolean chat) {
        return Json.parse(body, 0, body.length, p -> {
            start(p);
            String model = null;
            List<String> prompts = null;
            List<Generate.Message> messages = null;
            Integer maxTokens = null;
            Double temperature = null;
            Double topP = null;
            Integer topK = null;
            Long seed = null;
            List<String> stop = List.of();
            int n = 1;
            boolean stream = false;
            boolean usage = false;
            boolean echo = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (f) {
                    case "model" -> model = string(p, t, f);
                    case "prompt" -> {
                        if (chat) {
                            p.skipChildren();
                        } else {
                            prompts = texts(p, t, f);
                        }
                    }
                    case "messages" -> {
                        if (chat) {
                            messages = messages(p, t);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "max_tokens", "max_completion_tokens" -> maxTokens = integer(p, t, f, 1, Integer.MAX_VALUE);
                    case "temperature" -> temperature = number(p, t, f, 0, 2);
                    case "top_p" -> {
                        topP = number(p, t, f, 0, 1);
                        if (topP == 0) {
                            throw OpenAi.Error.invalid(f, "top_p must be greater than 0");
                        }
                    }
                    case "top_k" -> {
                        int k = integer(p, t, f, -1, Integer.MAX_VALUE);
                        topK = k < 0 ? 0 : k;
                    }
                    case "seed" -> {
                        Json.expect(p, t, JsonToken.VALUE_NUMBER_INT, f);
                        seed = p.getLongValue();
                    }
                    case "stop" -> stop = stops(p, t);
                    case "n" -> n = integer(p, t, f, 1, MAX_N);
                    case "stream" -> stream = bool(p, t, f);
                    case "stream_options" -> usage = streamOptions(p, t);
                    case "echo" -> echo = !chat && bool(p, t, f);
                    case "logprobs" -> refuseUnless(p, t, f, chat ? "false" : "null");
                    case "top_logprobs", "best_of" -> refuseUnless(p, t, f, f.equals("best_of") ? "1" : "0");
                    case "frequency_penalty", "presence_penalty" -> refuseUnless(p, t, f, "0");
                    case "logit_bias", "tools", "functions", "tool_choice", "function_call", "suffix" ->
                            refuseUnlessEmpty(p, t, f);
                    case "response_format" -> responseFormat(p, t);
                    default -> p.skipChildren();
                }
            }
            if (chat) {
                required(messages, "messages");
            } else {
                required(prompts, "prompt");
            }
            if (usage && !stream) {
                throw OpenAi.Error.invalid("stream_options", "stream_options is only allowed with stream: true");
            }
            if (!chat && maxTokens == null) {
                // OpenAI's (and vLLM's) default for legacy completions; chat runs up to the context.
                maxTokens = 16;
            }
            return new OpenAi.GenerationRequest(required(model, "model"), prompts, messages,
                    new Generate.Parameters(maxTokens, temperature, topP, topK, seed, stop), n, stream, usage, echo);
        });
    }

    private static void start(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            throw OpenAi.Error.invalid(null, "the request body must be a JSON object, got " + Json.describe(t));
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw OpenAi.Error.invalid(field, "'" + field + "' is required");
        }
        return value;
    }

    private static String string(JsonParser p, JsonToken t, String f) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw OpenAi.Error.invalid(f, "'" + f + "' must be a string, got " + Json.describe(t));
        }
        return p.getText();
    }

    private static boolean bool(JsonParser p, JsonToken t, String f) {
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw OpenAi.Error.invalid(f, "'" + f + "' must be a boolean, got " + Json.describe(t));
        }
        return t == JsonToken.VALUE_TRUE;
    }

    private static int integer(JsonParser p, JsonToken t, String f, int min, int max) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || p.getLongValue() < min || p.getLongValue() > max) {
            throw OpenAi.Error.invalid(f, "'" + f + "' must be an integer from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", got " + p.getText());
        }
        return (int) p.getLongValue();
    }

    private static double number(JsonParser p, JsonToken t, String f, double min, double max) throws IOException {
        if ((t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) || p.getDoubleValue() < min
                || p.getDoubleValue() > max) {
            throw OpenAi.Error.invalid(f, "'" + f + "' must be a number from " + min + " to " + max + ", got "
                    + p.getText());
        }
        return p.getDoubleValue();
    }

    /** A string or an array of strings (token-id arrays are refused: texts only). */
    private static List<String> texts(JsonParser p, JsonToken t, String f) throws IOException {
        List<String> out = new ArrayList<>();
        if (t == JsonToken.VALUE_STRING) {
            out.add(p.getText());
        } else if (t == JsonToken.START_ARRAY) {
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (e != JsonToken.VALUE_STRING) {
                    p.skipChildren();
                    throw OpenAi.Error.invalid(f, "'" + f + "' must be a string or an array of strings; token arrays "
                            + "are not supported");
                }
                out.add(p.getText());
            }
        } else {
            throw OpenAi.Error.invalid(f, "'" + f + "' must be a string or an array of strings, got "
                    + Json.describe(t));
        }
        if (out.isEmpty()) {
            throw OpenAi.Error.invalid(f, "'" + f + "' must not be empty");
        }
        return out;
    }

    private static List<String> stops(JsonParser p, JsonToken t) throws IOException {
        List<String> out = t == JsonToken.VALUE_STRING ? List.of(p.getText()) : texts(p, t, "stop");
        if (out.size() > 4) {
            throw OpenAi.Error.invalid("stop", "'stop' takes up to 4 sequences, got " + out.size());
        }
        return out.stream().filter(s -> !s.isEmpty()).toList();
    }

    private static boolean streamOptions(JsonParser p, JsonToken t) throws IOException {
        Json.expect(p, t, JsonToken.START_OBJECT, "stream_options");
        boolean usage = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals("include_usage")) {
                usage = bool(p, v, "stream_options.include_usage");
            } else {
                p.skipChildren();
            }
        }
        return usage;
    }

    private static void responseFormat(JsonParser p, JsonToken t) throws IOException {
        Json.expect(p, t, JsonToken.START_OBJECT, "response_format");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals("type") && !(v == JsonToken.VALUE_STRING && p.getText().equals("text"))) {
                throw OpenAi.Error.invalid("response_format", "only response_format {\"type\": \"text\"} is supported");
            }
            p.skipChildren();
        }
    }

    /** Accepts a parameter only at its neutral value (e.g. a penalty of 0): anything else is not built. */
    private static void refuseUnless(JsonParser p, JsonToken t, String f, String neutral) throws IOException {
        String v = t.isScalarValue() ? p.getText() : "";
        boolean ok = v.equals(neutral) || (neutral.equals("0") && (v.equals("0.0") || v.equals("false")))
                || (neutral.equals("null") && v.equals("false"));
        p.skipChildren();
        if (!ok) {
            throw OpenAi.Error.invalid(f, "'" + f + "' is not supported (only " + neutral + ")");
        }
    }

    private static void refuseUnlessEmpty(JsonParser p, JsonToken t, String f) throws IOException {
        boolean empty = (t == JsonToken.START_OBJECT && p.nextToken() == JsonToken.END_OBJECT)
                || (t == JsonToken.START_ARRAY && p.nextToken() == JsonToken.END_ARRAY)
                || (t == JsonToken.VALUE_STRING && p.getText().isEmpty())
                || (f.equals("tool_choice") && t == JsonToken.VALUE_STRING && p.getText().equals("none"));
        if (!empty) {
            if (t.isStructStart()) {
                p.skipChildren();
            }
            throw OpenAi.Error.invalid(f, "'" + f + "' is not supported");
        }
    }

    /** Chat messages: role and content, the content a string or an array of text parts. */
    private static List<Generate.Message> messages(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw OpenAi.Error.invalid("messages", "'messages' must be an array, got " + Json.describe(t));
        }
        List<Generate.Message> out = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            String where = "messages[" + out.size() + "]";
            if (e != JsonToken.START_OBJECT) {
                throw OpenAi.Error.invalid(where, where + " must be an object");
            }
            String role = null;
            String content = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                switch (f) {
                    case "role" -> role = string(p, v, where + ".role");
                    case "content" -> content = content(p, v, where + ".content");
                    case "tool_calls", "function_call" -> refuseUnlessEmpty(p, v, where + "." + f);
                    default -> p.skipChildren();
                }
            }
            if (role == null || !List.of("system", "developer", "user", "assistant", "tool").contains(role)) {
                throw OpenAi.Error.invalid(where + ".role", where + ".role must be one of system, developer, user, "
                        + "assistant, tool; got " + (role == null ? "nothing" : "'" + role + "'"));
            }
            if (content == null) {
                throw OpenAi.Error.invalid(where + ".content", where + ".content is required");
            }
            out.add(new Generate.Message(role, content));
        }
        if (out.isEmpty()) {
            throw OpenAi.Error.invalid("messages", "'messages' must not be empty");
        }
        return out;
    }

    private static String content(JsonParser p, JsonToken t, String where) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t != JsonToken.START_ARRAY) {
            throw OpenAi.Error.invalid(where, where + " must be a string or an array of text parts");
        }
        StringBuilder text = new StringBuilder();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String type = null;
            String part = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                if (f.equals("type")) {
                    type = string(p, v, where + ".type");
                } else if (f.equals("text")) {
                    part = string(p, v, where + ".text");
                } else {
                    p.skipChildren();
                }
            }
            if (!"text".equals(type) || part == null) {
                throw OpenAi.Error.invalid(where, where + ": only text parts are supported, got type '" + type + "'");
            }
            text.append(part);
        }
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------------- answers

    /** {@code GET /v1/models}. */
    public static byte[] encodeModels(List<String> names, long created) {
        return Json.write(g -> {
            g.writeStartObject();
            modelList(g, names, created);
            g.writeEndObject();
        });
    }

    /**
     * {@code GET /v1/models} at the root path, shared by KServe's V1 protocol and OpenAI clients: KServe's
     * {@code "models": [names]} and OpenAI's {@code "object": "list", "data": [...]} in one document, so both read
     * what they expect.
     */
    public static byte[] encodeModelsV1Compatible(List<String> names, long created) {
        return Json.write(g -> {
            g.writeStartObject();
            Json.writeStrings(g, "models", names);
            modelList(g, names, created);
            g.writeEndObject();
        });
    }

    private static void modelList(JsonGenerator g, List<String> names, long created) throws IOException {
        g.writeStringField("object", "list");
        g.writeArrayFieldStart("data");
        for (String n : names) {
            g.writeStartObject();
            g.writeStringField("id", n);
            g.writeStringField("object", "model");
            g.writeNumberField("created", created);
            g.writeStringField("owned_by", "augur");
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code POST /v1/embeddings}: {@code vectors} row-major [texts, dim]. */
    public static byte[] encodeEmbeddings(String model, float[] vectors, int dim, boolean base64, long tokens) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            int rows = dim == 0 ? 0 : vectors.length / dim;
            for (int r = 0; r < rows; r++) {
                g.writeStartObject();
                g.writeStringField("object", "embedding");
                g.writeNumberField("index", r);
                g.writeFieldName("embedding");
                if (base64) {
                    ByteBuffer b = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(vectors, r * dim, dim);
                    g.writeString(Base64.getEncoder().encodeToString(b.array()));
                } else {
                    g.writeStartArray();
                    for (int d = 0; d < dim; d++) {
                        g.writeNumber(vectors[r * dim + d]);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("model", model);
            g.writeObjectFieldStart("usage");
            g.writeNumberField("prompt_tokens", tokens);
            g.writeNumberField("total_tokens", tokens);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A whole (non-streamed) completion or chat completion. */
    public static byte[] encodeGeneration(boolean chat, String id, String model, long created,
            List<OpenAi.Choice> choices, OpenAi.Usage usage) {
        return Json.write(g -> {
            g.writeStartObject();
            head(g, id, chat ? "chat.completion" : "text_completion", created, model);
            g.writeArrayFieldStart("choices");
            for (OpenAi.Choice c : choices) {
                g.writeStartObject();
                g.writeNumberField("index", c.index());
                if (chat) {
                    g.writeObjectFieldStart("message");
                    g.writeStringField("role", "assistant");
                    g.writeStringField("content", c.text());
                    g.writeEndObject();
                } else {
                    g.writeStringField("text", c.text());
                }
                g.writeNullField("logprobs");
                g.writeStringField("finish_reason", c.finishReason());
                g.writeEndObject();
            }
            g.writeEndArray();
            usage(g, usage);
            g.writeEndObject();
        });
    }

    /**
     * One streamed chunk of one choice: chat chunks carry a {@code delta} (the first with the role), completion
     * chunks the {@code text}; {@code finishReason} is null until the choice's last chunk.
     */
    public static byte[] encodeChunk(boolean chat, String id, String model, long created, int index, String text,
            boolean first, String finishReason) {
        return Json.write(g -> {
            g.writeStartObject();
            head(g, id, chat ? "chat.completion.chunk" : "text_completion", created, model);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", index);
            if (chat) {
                g.writeObjectFieldStart("delta");
                if (first) {
                    g.writeStringField("role", "assistant");
                }
                if (first || !text.isEmpty() || finishReason == null) {
                    g.writeStringField("content", text);
                }
                g.writeEndObject();
            } else {
                g.writeStringField("text", text);
            }
            g.writeNullField("logprobs");
            // Jackson writes a null String as JSON null, which is what OpenAI sends before the last chunk.
            g.writeStringField("finish_reason", finishReason);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The last chunk of a stream with {@code stream_options.include_usage}: no choices, the usage. */
    public static byte[] encodeUsageChunk(boolean chat, String id, String model, long created, OpenAi.Usage usage) {
        return Json.write(g -> {
            g.writeStartObject();
            head(g, id, chat ? "chat.completion.chunk" : "text_completion", created, model);
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            usage(g, usage);
            g.writeEndObject();
        });
    }

    private static void head(JsonGenerator g, String id, String object, long created, String model)
            throws IOException {
        g.writeStringField("id", id);
        g.writeStringField("object", object);
        g.writeNumberField("created", created);
        g.writeStringField("model", model);
    }

    private static void usage(JsonGenerator g, OpenAi.Usage u) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", u.promptTokens());
        g.writeNumberField("completion_tokens", u.completionTokens());
        g.writeNumberField("total_tokens", u.total());
        g.writeEndObject();
    }

    /** OpenAI's error object, {@code {"error": {"message", "type", "param", "code"}}}. */
    public static byte[] encodeError(InferenceException e) {
        String param = e instanceof OpenAi.Error o ? o.param() : null;
        String code = e instanceof OpenAi.Error o ? o.errorCode() : switch (e.code()) {
            // OpenAI's own codes for these, which its clients show.
            case UNAUTHENTICATED -> "invalid_api_key";
            case PERMISSION_DENIED -> "permission_denied";
            default -> null;
        };
        String type = switch (e.code()) {
            case INVALID_ARGUMENT, NOT_FOUND, PAYLOAD_TOO_LARGE, UNIMPLEMENTED -> "invalid_request_error";
            case UNAUTHENTICATED -> "authentication_error";
            case PERMISSION_DENIED -> "permission_error";
            case RESOURCE_EXHAUSTED -> "rate_limit_error";
            default -> "server_error";
        };
        return Json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", e.getMessage() == null ? e.code().name() : e.getMessage());
            g.writeStringField("type", type);
            g.writeStringField("param", param);
            g.writeStringField("code", code);
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
