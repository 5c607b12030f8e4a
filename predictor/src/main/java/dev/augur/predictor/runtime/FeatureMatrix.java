package dev.augur.predictor.runtime;

import dev.augur.protocol.core.Tensor;
import java.nio.ByteBuffer;

/**
 * A validated FP32 {@code [rows, features]} input as one row-major float array, the layout tree libraries take.
 *
 * @param rows     number of rows
 * @param features values per row
 * @param values   {@code rows * features} values, row-major
 */
public record FeatureMatrix(int rows, int features, float[] values) {

    /** The tensor's elements; the data plane has checked its datatype (FP32) and shape ({@code [rows, features]}). */
    public static FeatureMatrix of(Tensor t) {
        long[] shape = t.shape();
        ByteBuffer data = t.data();
        float[] values = new float[t.size()];
        data.asFloatBuffer().get(values);
        return new FeatureMatrix((int) shape[0], (int) shape[1], values);
    }
}
