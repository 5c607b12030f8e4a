package dev.augur.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** scikit-learn's inputs and labels for the 150 iris rows ({@code models/iris-logreg/reference.json}). */
record IrisRows(double[][] inputs, int[] labels) {
    static final String[] FIELDS = {"sepal_length", "sepal_width", "petal_length", "petal_width"};
    static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

    static IrisRows load() {
        try {
            JsonNode n = new ObjectMapper().readTree(Path.of("..", "models", "iris-logreg", "reference.json")
                    .toFile());
            double[][] in = new double[n.get("inputs").size()][4];
            int[] labels = new int[in.length];
            for (int r = 0; r < in.length; r++) {
                for (int c = 0; c < 4; c++) {
                    in[r][c] = n.get("inputs").get(r).get(c).asDouble();
                }
                labels[r] = n.get("labels").get(r).asInt();
            }
            return new IrisRows(in, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"instances": [{"sepal_length": ..., ...}, ...]}} */
    String v1Json() {
        StringBuilder b = new StringBuilder("{\"instances\": [");
        for (int r = 0; r < inputs.length; r++) {
            b.append(r == 0 ? "{" : ", {");
            for (int c = 0; c < 4; c++) {
                b.append(c == 0 ? "" : ", ").append('"').append(FIELDS[c]).append("\": ").append(inputs[r][c]);
            }
            b.append('}');
        }
        return b.append("]}").toString();
    }
}
