package dev.augur.transformer.steps;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Text (a BYTES tensor {@code [rows]}) to the model's token tensors with the model's own {@code tokenizer.json}
 * through Hugging Face's tokenizers library (DJL's binding): WordPiece for BERT-style models, BPE for GPT-style, as
 * the file says. Answers INT64 {@code input_ids}, {@code attention_mask} and (unless {@code token_type_ids: false})
 * {@code token_type_ids}, {@code [rows, tokens]}, padded to the longest text of the batch or to {@code max_length}.
 *
 * <pre>
 * - tokenize:
 *     input: text
 *     tokenizer: tokenizer.json     # relative to the pipeline file
 *     max_length: 256               # the model's limit; default: the file's truncation max_length, else 512
 *     truncation: false             # false: a text over max_length is a 400 naming the input; true: cut
 *     padding: longest              # or max_length
 *     token_type_ids: true
 * </pre>
 */
record TokenizeStep(String input, HuggingFaceTokenizer tokenizer, int maxLength, boolean truncation, boolean padToMax,
        boolean typeIds, long padId) implements TransformStep {

    @Override
    public List<Tensor> apply(List<Tensor> tensors, StepContext context) {
        Tensor t = Tensors.require(tensors, input);
        if (t.datatype() != DataType.BYTES) {
            throw InferenceException.invalid("input '" + input + "' must be text (BYTES), got " + t.datatype());
        }
        byte[][] texts = t.elements();
        Encoding[] enc = new Encoding[texts.length];
        int longest = 0;
        for (int i = 0; i < texts.length; i++) {
            enc[i] = tokenizer.encode(new String(texts[i], StandardCharsets.UTF_8));
            int n = enc[i].getIds().length;
            if (n > maxLength) {
                // Only reachable without truncation: the tokenizer cuts at max_length otherwise.
                throw InferenceException.invalid("input '" + input + "' element " + i + ": " + n + " tokens, over "
                        + "the model's limit of " + maxLength + " (set 'truncation: true' in the tokenize step to cut)");
            }
            longest = Math.max(longest, n);
        }
        int len = padToMax ? maxLength : longest;
        int rows = texts.length;
        long[] ids = new long[rows * len];
        long[] mask = new long[rows * len];
        long[] types = new long[rows * len];
        for (int r = 0; r < rows; r++) {
            long[] id = enc[r].getIds();
            long[] am = enc[r].getAttentionMask();
            long[] tt = enc[r].getTypeIds();
            java.util.Arrays.fill(ids, r * len, (r + 1) * len, padId);
            System.arraycopy(id, 0, ids, r * len, id.length);
            System.arraycopy(am, 0, mask, r * len, am.length);
            System.arraycopy(tt, 0, types, r * len, tt.length);
        }
        long[] shape = {rows, len};
        List<Tensor> out = Steps.without(tensors, input);
        out.add(Tensor.ofLongs("input_ids", shape, ids));
        out.add(Tensor.ofLongs("attention_mask", shape, mask));
        if (typeIds) {
            out.add(Tensor.ofLongs("token_type_ids", shape, types));
        }
        return out;
    }

    static final class Provider extends BuiltInProvider {
        Provider() {
            super("tokenize", "input", "tokenizer", "max_length", "truncation", "padding", "token_type_ids");
        }

        @Override
        public TransformStep create(StepParameters p) {
            Path file = p.path("tokenizer");
            if (file == null) {
                throw p.missing("tokenizer");
            }
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("tokenizer file " + file + " cannot be read: " + e.getMessage());
            }
            int fileMax = json.path("truncation").path("max_length").asInt(512);
            int max = p.integer("max_length", fileMax);
            boolean truncation = p.bool("truncation", false);
            String padding = p.choice("padding", "longest", "longest", "max_length");
            long padId = json.path("padding").path("pad_id").asLong(0);
            HuggingFaceTokenizer tokenizer;
            try {
                // Padding is done here (to the batch's longest text); truncation only when asked for.
                tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(file).optPadding(false)
                        .optTruncation(truncation).optMaxLength(max).build();
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("tokenizer file " + file + " cannot be loaded: " + e.getMessage());
            }
            return new TokenizeStep(p.string("input", "text"), tokenizer, max, truncation,
                    padding.equals("max_length"), p.bool("token_type_ids", true), padId);
        }
    }

}
