package dev.augur.protocol.openai;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.generate.Generate;
import java.util.List;

/**
 * The OpenAI API's requests as neutral records ({@link OpenAiCodec} reads and writes the JSON). Only the gateway's
 * OpenAI transport uses them; what reaches a model is a V2 request ({@link Generate}).
 */
public final class OpenAi {
    private OpenAi() {
    }

    /** {@code POST /v1/embeddings}. {@code base64} answers each vector as base64 of little-endian float32. */
    public record EmbeddingsRequest(String model, List<String> input, boolean base64, Integer dimensions) {
    }

    /**
     * {@code POST /v1/completions} ({@code prompts}: one choice set per prompt) or
     * {@code POST /v1/chat/completions} ({@code messages}).
     *
     * @param n            choices per prompt
     * @param stream       server-sent events
     * @param includeUsage {@code stream_options.include_usage}: a last chunk with the usage
     * @param echo         completions: the prompt is repeated before the completion
     */
    public record GenerationRequest(String model, List<String> prompts, List<Generate.Message> messages,
            Generate.Parameters parameters, int n, boolean stream, boolean includeUsage, boolean echo) {

        public boolean chat() {
            return messages != null;
        }
    }

    /** A finished choice (non-streamed answers). */
    public record Choice(int index, String text, String finishReason) {
    }

    /** Token counts of a request. */
    public record Usage(long promptTokens, long completionTokens) {
        public long total() {
            return promptTokens + completionTokens;
        }
    }

    /**
     * An OpenAI error object's extra fields: the request parameter at fault and a machine-readable code.
     */
    public static final class Error extends InferenceException {
        private final String param;
        private final String errorCode;

        public Error(ErrorCode code, String message, String param, String errorCode) {
            super(code, message);
            this.param = param;
            this.errorCode = errorCode;
        }

        public static Error invalid(String param, String message) {
            return new Error(ErrorCode.INVALID_ARGUMENT, message, param, null);
        }

        public String param() {
            return param;
        }

        public String errorCode() {
            return errorCode;
        }
    }
}
