package dev.augur.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent reference for BERT uncased tokenisation, written from the BERT paper's reference implementation
 * ({@code tokenization.py}: BasicTokenizer + WordpieceTokenizer) in plain Java, sharing nothing with the Hugging Face
 * tokenizers library but the vocabulary read from {@code tokenizer.json}.
 */
final class BertReference {
    private final Map<String, Long> vocab = new HashMap<>();

    BertReference(Path tokenizerJson) {
        try {
            JsonNode v = new ObjectMapper().readTree(tokenizerJson.toFile()).get("model").get("vocab");
            v.fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asLong()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long[] encode(String text) {
        List<Long> ids = new ArrayList<>();
        ids.add(vocab.get("[CLS]"));
        for (String word : basic(text)) {
            ids.addAll(wordpiece(word));
        }
        ids.add(vocab.get("[SEP]"));
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Clean, split CJK, lower-case, strip accents, split on whitespace and punctuation. */
    private static List<String> basic(String text) {
        StringBuilder clean = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xfffd || (Character.isISOControl(cp) && !Character.isWhitespace(cp))) {
                return;
            }
            if (isCjk(cp)) {
                clean.append(' ').appendCodePoint(cp).append(' ');
            } else {
                clean.appendCodePoint(Character.isWhitespace(cp) || Character.getType(cp) == Character.SPACE_SEPARATOR
                        ? ' ' : cp);
            }
        });
        List<String> out = new ArrayList<>();
        for (String token : clean.toString().trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            String t = Normalizer.normalize(token.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD)
                    .replaceAll("\\p{Mn}", "");
            StringBuilder cur = new StringBuilder();
            t.codePoints().forEach(cp -> {
                if (isPunct(cp)) {
                    if (cur.length() > 0) {
                        out.add(cur.toString());
                        cur.setLength(0);
                    }
                    out.add(new String(Character.toChars(cp)));
                } else {
                    cur.appendCodePoint(cp);
                }
            });
            if (cur.length() > 0) {
                out.add(cur.toString());
            }
        }
        return out;
    }

    /** Greedy longest-match-first over the vocabulary; a word with an unmatchable rest is [UNK]. */
    private List<Long> wordpiece(String word) {
        if (word.codePointCount(0, word.length()) > 100) {
            return List.of(vocab.get("[UNK]"));
        }
        List<Long> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Long found = null;
            while (start < end) {
                String sub = (start > 0 ? "##" : "") + word.substring(start, end);
                found = vocab.get(sub);
                if (found != null) {
                    break;
                }
                end--;
            }
            if (found == null) {
                return List.of(vocab.get("[UNK]"));
            }
            pieces.add(found);
            start = end;
        }
        return pieces;
    }

    private static boolean isPunct(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.OTHER_PUNCTUATION;
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
