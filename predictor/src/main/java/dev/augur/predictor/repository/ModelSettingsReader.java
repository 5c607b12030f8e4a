package dev.augur.predictor.repository;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.augur.predictor.config.PredictorConfig;
import dev.augur.predictor.runtime.ModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a model's optional {@code config.yaml}. Parsed with the streaming API (no reflection, so native images
 * need no registration); unknown keys are an error that names the key and the file, so typos do not pass silently.
 */
final class ModelSettingsReader {
    static final String FILE = "config.yaml";
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Set<String> KEYS = Set.of("format", "instances", "max_queue_size", "version_policy",
            "labels", "max_batch_size", "max_latency_ms", "features", "predict_proba", "storage_uri");

    private ModelSettingsReader() {
    }

    static ModelSettings read(Path modelDir, PredictorConfig.Models defaults) throws IOException {
        String format = null;
        int instances = defaults.instances();
        int queue = defaults.maxQueueSize();
        int latest = 0;
        List<String> versions = List.of();
        List<String> labels = List.of();
        int maxBatch = 1;
        int maxLatency = 5;
        List<String> features = List.of();
        boolean predictProba = false;
        String storageUri = null;
        Path file = modelDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (JsonParser p = YAML.createParser(file.toFile())) {
                JsonToken t = p.nextToken();
                if (t != null && t != JsonToken.START_OBJECT) {
                    throw new IOException(file + ": expected a mapping at the top level");
                }
                while (t != null && p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    switch (key) {
                        case "format" -> format = p.getValueAsString().toLowerCase(java.util.Locale.ROOT);
                        case "instances" -> instances = positive(p, file, key);
                        case "max_queue_size" -> queue = positive(p, file, key);
                        case "labels" -> labels = strings(p, file, key);
                        case "max_batch_size" -> maxBatch = positive(p, file, key);
                        case "max_latency_ms" -> maxLatency = positive(p, file, key);
                        case "features" -> features = strings(p, file, key);
                        case "predict_proba" -> predictProba = bool(p, file, key);
                        case "storage_uri" -> {
                            if (p.currentToken() != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                                throw new IOException(file + ": 'storage_uri' must be a non-empty string");
                            }
                            storageUri = p.getText().trim();
                        }
                        case "version_policy" -> {
                            if (p.currentToken() == JsonToken.VALUE_STRING && "all".equals(p.getText())) {
                                break;
                            }
                            if (p.currentToken() != JsonToken.START_OBJECT) {
                                throw new IOException(file + ": version_policy must be 'all', {latest: N} or "
                                        + "{specific: [versions]}");
                            }
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String k = p.currentName();
                                p.nextToken();
                                if (k.equals("latest")) {
                                    latest = positive(p, file, "version_policy.latest");
                                } else if (k.equals("specific")) {
                                    versions = strings(p, file, "version_policy.specific");
                                } else {
                                    throw new IOException(file + ": unknown key 'version_policy." + k
                                            + "'; expected latest or specific");
                                }
                            }
                        }
                        default -> throw new IOException(file + ": unknown key '" + key + "'; expected one of "
                                + new java.util.TreeSet<>(KEYS));
                    }
                }
            }
        }
        return new ModelSettings(format, instances, queue, latest, versions, labels, maxBatch, maxLatency,
                features, predictProba, storageUri);
    }

    private static int positive(JsonParser p, Path file, String key) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getIntValue() < 1) {
            throw new IOException(file + ": '" + key + "' must be a positive integer");
        }
        return p.getIntValue();
    }

    private static boolean bool(JsonParser p, Path file, String key) throws IOException {
        if (!p.currentToken().isBoolean()) {
            throw new IOException(file + ": '" + key + "' must be true or false");
        }
        return p.getBooleanValue();
    }

    private static List<String> strings(JsonParser p, Path file, String key) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException(file + ": '" + key + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getValueAsString());
        }
        return List.copyOf(out);
    }
}
