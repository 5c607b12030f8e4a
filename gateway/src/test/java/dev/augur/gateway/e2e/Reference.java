package dev.augur.gateway.e2e;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.util.List;

/** The sample models' reference predictions (scikit-learn's, from models/), for graph answers to be checked against. */
final class Reference {
    static final JsonPath LOGREG = load("iris-logreg");
    static final JsonPath FOREST = load("iris-forest");

    private Reference() {
    }

    private static JsonPath load(String model) {
        return JsonPath.from(new File(LocalServices.MODELS.resolve(model + "/reference.json").toString()));
    }

    static List<Float> input(JsonPath model, int row) {
        return model.getList("inputs[" + row + "]", Float.class);
    }

    static int label(JsonPath model, int row) {
        return model.getInt("labels[" + row + "]");
    }

    /** A V1 body of the model's reference inputs for those rows. */
    static String v1(JsonPath model, int... rows) {
        StringBuilder b = new StringBuilder("{\"instances\": [");
        for (int i = 0; i < rows.length; i++) {
            b.append(i == 0 ? "" : ", ").append(input(model, rows[i]));
        }
        return b.append("]}").toString();
    }
}
