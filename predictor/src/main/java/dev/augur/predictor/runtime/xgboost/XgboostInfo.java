package dev.augur.predictor.runtime.xgboost;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What a booster's JSON says about itself: {@code learner.objective.name} and {@code learner.learner_model_param}.
 * Read with the streaming API, skipping the trees, so a large model is not held twice as a JSON tree.
 *
 * @param objective  e.g. {@code multi:softprob}, {@code binary:logistic}, {@code reg:squarederror}
 * @param numClass   classes of a multi-class objective (0 otherwise)
 * @param numFeature features per row
 * @param numTarget  outputs per row of a multi-target regressor (1 otherwise)
 */
record XgboostInfo(String objective, int numClass, int numFeature, int numTarget) {
    private static final JsonFactory JSON = new JsonFactory();

    static XgboostInfo parse(byte[] modelJson) throws IOException {
        String objective = null;
        int numClass = 0;
        int numFeature = 0;
        int numTarget = 1;
        try (JsonParser p = JSON.createParser(modelJson)) {
            expectObject(p.nextToken());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("learner")) {
                    p.skipChildren();
                    continue;
                }
                expectObject(value);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (key.equals("objective") && v == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            p.nextToken();
                            if (k.equals("name")) {
                                objective = p.getValueAsString();
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else if (key.equals("learner_model_param") && v == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.currentName();
                            p.nextToken();
                            // XGBoost writes these numbers as strings ("3").
                            if (k.equals("num_class")) {
                                numClass = (int) Double.parseDouble(p.getValueAsString("0"));
                            } else if (k.equals("num_feature")) {
                                numFeature = (int) Double.parseDouble(p.getValueAsString("0"));
                            } else if (k.equals("num_target")) {
                                numTarget = Math.max(1, (int) Double.parseDouble(p.getValueAsString("1")));
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        if (objective == null) {
            throw new IOException("the model names no objective (learner.objective.name)");
        }
        return new XgboostInfo(objective, numClass, numFeature, numTarget);
    }

    private static void expectObject(JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw new IOException("the model's JSON is not an object");
        }
    }

    /** Objectives whose prediction is a class: served as labels, with probabilities on request. */
    boolean classifier() {
        return objective.startsWith("multi:") || objective.startsWith("binary:");
    }
}
