package dev.augur.predictor.runtime.hf;

import java.util.Arrays;

/**
 * Turns generated token ids into text as they come, the way Hugging Face's text-generation-inference does: decode a
 * short window of recent ids with and without the newest, and emit the difference once it does not end in an
 * incomplete character (U+FFFD, a multi-byte character split over tokens). Decoding a window rather than single
 * ids keeps tokenizers that drop or add spaces at word starts (SentencePiece) right. The concatenation of all
 * pieces plus {@link #flush()} is the text of all ids.
 */
final class StreamDecoder {
    private final TextTokenizer tokenizer;
    private long[] ids = new long[64];
    private int size;
    private int prefixOffset;
    private int readOffset;

    StreamDecoder(TextTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds a token; answers the text it completes, possibly empty. */
    String add(long id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
        String prefix = tokenizer.decode(Arrays.copyOfRange(ids, prefixOffset, readOffset));
        String text = tokenizer.decode(Arrays.copyOfRange(ids, prefixOffset, size));
        if (text.length() > prefix.length() && !text.endsWith("\uFFFD") && text.startsWith(prefix)) {
            prefixOffset = readOffset;
            readOffset = size;
            return text.substring(prefix.length());
        }
        return "";
    }

    /** The text still held back (an incomplete character at the very end), when generation is over. */
    String flush() {
        String prefix = tokenizer.decode(Arrays.copyOfRange(ids, prefixOffset, readOffset));
        String text = tokenizer.decode(Arrays.copyOfRange(ids, prefixOffset, size));
        prefixOffset = readOffset = size;
        return text.length() > prefix.length() && text.startsWith(prefix) ? text.substring(prefix.length()) : "";
    }
}
