package dev.augur.transformer;

import java.util.List;

/** Sentences for the MiniLM tests: plain, punctuation, accents, numbers, an unknown word, CJK, an empty string. */
final class Sentences {
    static final List<String> ALL = List.of(
            "Hello world",
            "The quick brown fox jumps over the lazy dog.",
            "Augur serves KServe's protocols over REST and gRPC!",
            "Café crème brûlée, naïve façade — déjà vu?",
            "In 2024, 3.5% of 1,000,000 requests took >250ms (p99).",
            "Pneumonoultramicroscopicsilicovolcanoconiosis is a long word",
            "東京は日本の首都です",
            "");

    private Sentences() {
    }
}
