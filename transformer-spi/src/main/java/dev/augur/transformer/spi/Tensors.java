package dev.augur.transformer.spi;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Small helpers for steps working on a list of named tensors. */
public final class Tensors {
    private Tensors() {
    }

    /** The tensor called {@code name}, or null. */
    public static Tensor find(List<Tensor> tensors, String name) {
        for (Tensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The tensor called {@code name}; a 400 naming it when the request lacks it. */
    public static Tensor require(List<Tensor> tensors, String name) {
        Tensor t = find(tensors, name);
        if (t == null) {
            throw InferenceException.invalid("input '" + name + "' is missing");
        }
        return t;
    }

    /**
     * A new list with a step's result: when the result has the input's name it takes the input's place; otherwise the
     * input stays and the result is appended (replacing an older tensor of the result's name in place). A pipeline's
     * {@code outputs} list then picks what the client gets.
     */
    public static List<Tensor> replace(List<Tensor> tensors, String input, Tensor result) {
        List<Tensor> out = new ArrayList<>(tensors.size() + 1);
        boolean placed = false;
        for (Tensor t : tensors) {
            if (t.name().equals(result.name())) {
                out.add(result);
                placed = true;
            } else {
                out.add(t);
            }
        }
        if (!placed) {
            out.add(result);
        }
        return out;
    }

    /** Rows of a tensor: its first dimension (1 for a scalar). */
    public static int rows(Tensor t) {
        return t.shape().length == 0 ? 1 : (int) t.shape()[0];
    }
}
