package dev.augur.predictor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code models/tiny-gpt/reference.json}: what the numpy reference of the tiny decoder produced. */
public final class TinyGptReference {
    public static final JsonNode JSON = read();

    private TinyGptReference() {
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(GenerativeRepository.MODELS.resolve("tiny-gpt/reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode greedy(int i) {
        return JSON.get("greedy").get(i);
    }
}
