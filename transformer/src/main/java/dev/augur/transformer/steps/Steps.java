package dev.augur.transformer.steps;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the built-in steps. */
final class Steps {
    private Steps() {
    }

    /** A numeric tensor's values as floats; a 400 naming the tensor when it is BYTES. */
    static float[] floats(Tensor t) {
        numeric(t);
        int n = t.size();
        float[] out = new float[n];
        if (t.datatype() == DataType.FP32) {
            t.data().asFloatBuffer().get(out);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = (float) t.getDouble(i);
        }
        return out;
    }

    static void numeric(Tensor t) {
        if (t.datatype() == DataType.BYTES) {
            throw InferenceException.invalid("input '" + t.name() + "' must be numeric, got BYTES");
        }
    }

    /** The size of the last dimension (the classes or features of each row). */
    static int last(Tensor t) {
        long[] s = t.shape();
        if (s.length == 0) {
            throw InferenceException.invalid("'" + t.name() + "' is a scalar; expected [rows, ...]");
        }
        return (int) s[s.length - 1];
    }

    /** The shape without its last dimension. */
    static long[] dropLast(long[] shape) {
        return java.util.Arrays.copyOf(shape, shape.length - 1);
    }

    /** One label per line (a KServe-style labels file); blank lines at the end ignored. */
    static List<String> labels(Path file, String step) {
        if (file == null) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            return List.copyOf(lines);
        } catch (IOException e) {
            throw new IllegalArgumentException("labels file " + file + " cannot be read: " + e.getMessage());
        }
    }

    static String label(List<String> labels, int index, String where) {
        if (index >= labels.size()) {
            throw new InferenceException(dev.augur.protocol.core.ErrorCode.INTERNAL, where + ": class " + index
                    + " has no label (the labels file has " + labels.size() + ")");
        }
        return labels.get(index);
    }

    /**
     * For each row of {@code c} values, the indices of its {@code k} largest, best first (ties: lower index first, as
     * numpy's argmax): {@code rows * k} indices, row-major.
     */
    static long[] top(float[] v, int c, int k) {
        int rows = c == 0 ? 0 : v.length / c;
        long[] idx = new long[rows * k];
        boolean[] taken = new boolean[c];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(taken, false);
            for (int j = 0; j < k; j++) {
                int best = -1;
                for (int i = 0; i < c; i++) {
                    if (!taken[i] && (best < 0 || v[r * c + i] > v[r * c + best])) {
                        best = i;
                    }
                }
                taken[best] = true;
                idx[r * k + j] = best;
            }
        }
        return idx;
    }

    /** Class indices as INT64, or with labels their labels as BYTES ({@code where} names the step for errors). */
    static Tensor classes(String name, long[] shape, long[] idx, List<String> labels, String where) {
        if (labels == null) {
            return Tensor.ofLongs(name, shape, idx);
        }
        byte[][] e = new byte[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            e[i] = utf8(label(labels, (int) idx[i], where));
        }
        return Tensor.ofBytes(name, shape, e, null);
    }

    /** The tensors but the one called {@code name} (a step that consumes its input). */
    static List<Tensor> without(List<Tensor> tensors, String name) {
        List<Tensor> out = new ArrayList<>(tensors.size() + 2);
        for (Tensor x : tensors) {
            if (!x.name().equals(name)) {
                out.add(x);
            }
        }
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
