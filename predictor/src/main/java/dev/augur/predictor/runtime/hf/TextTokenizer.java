package dev.augur.predictor.runtime.hf;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model's {@code tokenizer.json} through Hugging Face's tokenizers library (DJL's binding, as the transformer
 * uses it): the same Rust code as the model's own tokenizer, so ids match what the model was trained on. Padding
 * and truncation are off: the runtimes pad their batches themselves and refuse texts over the model's limit.
 */
final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;

    private TextTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    static TextTokenizer load(Path tokenizerJson) throws IOException {
        return new TextTokenizer(HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson).optPadding(false)
                .optTruncation(false).build());
    }

    /** Texts longer than {@code maxLength} tokens are cut to it (specials kept), as sentence-transformers does. */
    static TextTokenizer truncating(Path tokenizerJson, int maxLength) throws IOException {
        return new TextTokenizer(HuggingFaceTokenizer.builder().optTokenizerPath(tokenizerJson).optPadding(false)
                .optTruncation(true).optMaxLength(maxLength).build());
    }

    /** Token ids; {@code special} adds what the tokenizer's post-processor adds (BERT's [CLS]/[SEP], a BOS). */
    long[] encode(String text, boolean special) {
        return tokenizer.encode(text, special, false).getIds();
    }

    /** Text of the ids, special tokens left out (what a client reads). */
    String decode(long[] ids) {
        return ids.length == 0 ? "" : tokenizer.decode(ids, true);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
