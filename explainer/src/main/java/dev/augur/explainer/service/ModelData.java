package dev.augur.explainer.service;

import dev.augur.explainer.config.ExplainerConfig;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.explain.ExplainJsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Background rows, feature names and the explained output per model, resolved from the configuration once at
 * start-up (files are read then; a file that cannot be read stops the start with its path and reason).
 */
@ApplicationScoped
public class ModelData {
    /** What one model's explanations use. {@code background} is null when none is configured. */
    public record Settings(double[][] background, String backgroundSource, List<String> featureNames,
            Optional<String> output, OptionalInt target) {
    }

    private final Settings defaults;
    private final Map<String, Settings> models = new HashMap<>();

    public ModelData(ExplainerConfig config) {
        this.defaults = resolve(config.defaults(), null, config);
        for (Map.Entry<String, ExplainerConfig.Data> e : config.models().entrySet()) {
            models.put(e.getKey(), resolve(e.getValue(), defaults, config));
        }
    }

    public Settings forModel(String model) {
        return models.getOrDefault(model, defaults);
    }

    private static Settings resolve(ExplainerConfig.Data d, Settings fallback, ExplainerConfig config) {
        double[][] bg = fallback == null ? null : fallback.background();
        String source = fallback == null ? null : fallback.backgroundSource();
        List<String> names = d.featureNames().orElse(null);
        if (d.background().isPresent()) {
            source = d.background().get().strip();
            Loaded l = load(source);
            bg = subsample(l.rows, config.maxBackground(), config.seed());
            if (names == null) {
                names = l.header;
            }
        }
        if (names == null && fallback != null) {
            names = fallback.featureNames();
        }
        return new Settings(bg, source, names, d.output().or(() -> fallback == null ? Optional.empty()
                : fallback.output()), d.target().isPresent() || fallback == null ? d.target() : fallback.target());
    }

    private record Loaded(double[][] rows, List<String> header) {
    }

    private static Loaded load(String source) {
        if (source.startsWith("[") || source.startsWith("{")) {
            return new Loaded(ExplainJsonCodec.decodeRows(source.getBytes(StandardCharsets.UTF_8),
                    "inline background"), null);
        }
        Path p = Path.of(source);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("background file " + p.toAbsolutePath() + " cannot be read", e);
        }
        if (source.toLowerCase().endsWith(".csv")) {
            return csv(new String(bytes, StandardCharsets.UTF_8), source);
        }
        return new Loaded(ExplainJsonCodec.decodeRows(bytes, "background file " + source), null);
    }

    static Loaded csv(String text, String where) {
        List<double[]> rows = new ArrayList<>();
        List<String> header = null;
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            try {
                for (int c = 0; c < cells.length; c++) {
                    row[c] = Double.parseDouble(cells[c].strip());
                }
            } catch (NumberFormatException e) {
                if (rows.isEmpty() && header == null) {
                    header = Arrays.stream(cells).map(s -> s.strip().replaceAll("^\"|\"$", "")).toList();
                    continue;
                }
                throw InferenceException.invalid(where + " line " + (i + 1) + ": not a number in '" + line + "'");
            }
            if (!rows.isEmpty() && row.length != rows.get(0).length) {
                throw InferenceException.invalid(where + " line " + (i + 1) + " has " + row.length
                        + " values, the first row " + rows.get(0).length);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw InferenceException.invalid(where + " has no rows");
        }
        return new Loaded(rows.toArray(new double[0][]), header);
    }

    /** At most {@code max} rows, drawn without replacement by the seed (all rows, in order, when they fit). */
    static double[][] subsample(double[][] rows, int max, long seed) {
        if (rows.length <= max) {
            return rows;
        }
        int[] idx = new int[rows.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) {
            out[i] = rows[idx[i]];
        }
        return out;
    }
}
