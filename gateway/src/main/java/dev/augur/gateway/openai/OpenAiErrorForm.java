package dev.augur.gateway.openai;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.openai.OpenAiCodec;
import dev.augur.protocol.v2.V2JsonCodec;
import dev.augur.server.rest.ErrorForm;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gateway's form of a refusal made before any route (a body over the limit): OpenAI's error object on the OpenAI
 * paths, so an OpenAI client shows the message; V1/V2's {@code {"error": ...}} everywhere else.
 */
@ApplicationScoped
public class OpenAiErrorForm implements ErrorForm {

    @Override
    public byte[] encode(String path, ErrorCode code, String message) {
        return isOpenAi(path) ? OpenAiCodec.encodeError(new InferenceException(code, message))
                : V2JsonCodec.encodeError(message);
    }

    /** The paths {@link OpenAiRoutes} serves ({@code /openai/v1/...}, and the root's three POST routes). */
    static boolean isOpenAi(String path) {
        if (path == null) {
            return false;
        }
        if (path.startsWith("/openai/")) {
            return true;
        }
        return path.equals("/v1/embeddings") || path.equals("/v1/completions") || path.equals("/v1/chat/completions");
    }
}
