package dev.augur.predictor.runtime;

import dev.augur.protocol.generate.Generate;
import java.util.List;

/**
 * A loaded model that generates text for one request at a time per call (several calls run at once on the shared
 * model). The data plane sends it Triton's generate requests: {@code text_input} or {@code messages}, with the
 * sampling settings from the request parameters.
 */
public interface TextGenerator {

    /** Receives the text as it is produced; answers false when the client is gone, so generation stops. */
    interface Sink {
        boolean accept(Generate.Result piece);
    }

    /**
     * Generates to the end (an end token, a stop sequence, max tokens or the context length).
     *
     * @param input   the validated {@code text_input} or {@code messages} tensor (one BYTES element)
     * @param sink    gets every new piece of text with the token counts so far, and a last piece with the finish
     *                reason; null when nobody streams
     * @return the whole text with the finish reason and token counts
     */
    Generate.Result generate(dev.augur.protocol.core.Tensor input, Generate.Parameters parameters, Sink sink)
            throws Exception;

    /** Names of the inputs it takes (one of them per request). */
    List<String> promptInputs();
}
