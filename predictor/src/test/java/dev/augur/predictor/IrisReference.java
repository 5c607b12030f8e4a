package dev.augur.predictor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A library's own predictions for the 150 iris rows, saved beside each model by its generator (scikit-learn's by
 * models/generate_iris.py, XGBoost's by models/generate_xgboost.py, LightGBM's by LightGbmModelGenerator).
 */
record IrisReference(float[][] inputs, long[] labels, float[][] probabilities) {

    static IrisReference of(String model) {
        try {
            JsonNode n = new ObjectMapper().readTree(TestRepository.MODELS.resolve(model + "/reference.json").toFile());
            int rows = n.get("inputs").size();
            float[][] x = new float[rows][];
            long[] y = new long[rows];
            float[][] p = new float[rows][];
            for (int i = 0; i < rows; i++) {
                x[i] = floats(n.get("inputs").get(i));
                y[i] = n.get("labels").get(i).asLong();
                p[i] = floats(n.get("probabilities").get(i));
            }
            return new IrisReference(x, y, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] floats(JsonNode row) {
        float[] f = new float[row.size()];
        for (int j = 0; j < f.length; j++) {
            f[j] = (float) row.get(j).asDouble();
        }
        return f;
    }

    float[] flatInputs() {
        float[] flat = new float[inputs.length * 4];
        for (int i = 0; i < inputs.length; i++) {
            System.arraycopy(inputs[i], 0, flat, i * 4, 4);
        }
        return flat;
    }

    String v2Body() {
        return v2Body("float_input");
    }

    String v2Body(String input) {
        StringBuilder b = new StringBuilder("{\"inputs\":[{\"name\":\"" + input + "\",\"shape\":[" + inputs.length
                + ",4],\"datatype\":\"FP32\",\"data\":[");
        float[] flat = flatInputs();
        for (int i = 0; i < flat.length; i++) {
            b.append(i == 0 ? "" : ",").append(flat[i]);
        }
        return b.append("]}]}").toString();
    }

    String v1Body() {
        StringBuilder b = new StringBuilder("{\"instances\":[");
        for (int i = 0; i < inputs.length; i++) {
            b.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < 4; j++) {
                b.append(j == 0 ? "" : ",").append(inputs[i][j]);
            }
            b.append(']');
        }
        return b.append("]}").toString();
    }
}
