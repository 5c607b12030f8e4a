package dev.augur.predictor.service;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.protocol.core.TensorWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Named-feature requests (KServe's {@code content_type: "pd"}: V1 rows as objects, or V2 one input per column)
 * stacked into the model's single [rows, features] input in the model's feature order.
 */
final class NamedFeatures {
    private NamedFeatures() {
    }

    static Tensor stack(String model, List<TensorSpec> specs, List<String> features, List<Tensor> columns) {
        if (features.isEmpty()) {
            throw InferenceException.invalid("model '" + model + "' has no feature names, so named features cannot "
                    + "be mapped; list them under 'features' in its config.yaml, or send one tensor");
        }
        if (specs.size() != 1 || specs.get(0).shape().length != 2) {
            throw InferenceException.invalid("model '" + model + "' does not take one [rows, features] input, so "
                    + "named features cannot be mapped");
        }
        TensorSpec spec = specs.get(0);
        Map<String, Tensor> byName = new HashMap<>();
        for (Tensor c : columns) {
            byName.put(c.name(), c);
        }
        List<String> missing = new ArrayList<>(features);
        missing.removeAll(byName.keySet());
        List<String> unknown = new ArrayList<>(byName.keySet());
        unknown.removeAll(features);
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw InferenceException.invalid("model '" + model + "' features do not match the request:"
                    + (missing.isEmpty() ? "" : " missing " + missing) + (unknown.isEmpty() ? "" : " unknown "
                    + unknown.stream().sorted().toList()) + "; the model's features are " + features);
        }
        int rows = -1;
        for (String f : features) {
            Tensor c = byName.get(f);
            if (c.size() != (c.shape().length == 0 ? 1 : c.shape()[0]) || c.datatype() == DataType.BYTES) {
                throw InferenceException.invalid("feature '" + f + "' must be one number per row, got "
                        + c.datatype() + " " + java.util.Arrays.toString(c.shape()));
            }
            if (rows >= 0 && c.size() != rows) {
                throw InferenceException.invalid("feature '" + f + "' has " + c.size() + " rows, others have " + rows);
            }
            rows = c.size();
        }
        TensorWriter w = new TensorWriter(spec.name(), spec.datatype(), rows * features.size());
        for (int r = 0; r < rows; r++) {
            for (String f : features) {
                Tensor c = byName.get(f);
                if (c.datatype().isFloating()) {
                    w.putDouble(c.getDouble(r));
                } else {
                    w.putLong(c.getLong(r));
                }
            }
        }
        return Tensor.of(spec.name(), spec.datatype(), new long[] {rows, features.size()}, w.finish());
    }
}
