package dev.augur.predictor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * scikit-learn's own predictions for the 150 iris rows, saved by models/generate_pmml.py beside the PMML tree:
 * class names, probabilities in class order and the leaf each row lands in ({@code apply}).
 */
record PmmlReference(List<String> fields, List<String> classes, JsonNode inputs, List<String> labels,
        double[][] probabilities, List<String> nodeIds) {
    static final ObjectMapper JSON = new ObjectMapper();

    static PmmlReference load() {
        try {
            JsonNode n = JSON.readTree(TestRepository.MODELS.resolve("iris-pmml/reference.json").toFile());
            double[][] p = new double[n.get("probabilities").size()][];
            for (int i = 0; i < p.length; i++) {
                JsonNode row = n.get("probabilities").get(i);
                p[i] = new double[row.size()];
                for (int j = 0; j < p[i].length; j++) {
                    p[i][j] = row.get(j).asDouble();
                }
            }
            return new PmmlReference(strings(n.get("fields")), strings(n.get("classes")), n.get("inputs"),
                    strings(n.get("labels")), p, strings(n.get("node_ids")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    int rows() {
        return inputs.size();
    }

    /** The rows as written by the generator (shortest decimals, e.g. 5.1). */
    String rowsJson() {
        return inputs.toString();
    }

    /** The rows flattened, as V2 {@code data}. */
    String flatJson() {
        StringBuilder b = new StringBuilder("[");
        for (JsonNode row : inputs) {
            for (JsonNode v : row) {
                b.append(b.length() == 1 ? "" : ",").append(v.toString());
            }
        }
        return b.append(']').toString();
    }

    /** The rows as objects keyed by field name (V1 named features). */
    String objectsJson() {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < rows(); r++) {
            b.append(r == 0 ? "{" : ",{");
            for (int c = 0; c < fields.size(); c++) {
                b.append(c == 0 ? "" : ",").append('"').append(fields.get(c)).append("\":")
                        .append(inputs.get(r).get(c).toString());
            }
            b.append('}');
        }
        return b.append(']').toString();
    }

    /** One column as V2 {@code data}. */
    String columnJson(int c) {
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < rows(); r++) {
            b.append(r == 0 ? "" : ",").append(inputs.get(r).get(c).toString());
        }
        return b.append(']').toString();
    }
}
