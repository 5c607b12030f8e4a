package dev.augur.server;

import dev.augur.protocol.core.InferenceException;
import java.util.function.Supplier;

/**
 * Resolves the model before blaming the request, as Triton does: a request that cannot be decoded for a model the
 * server does not have answers NOT_FOUND (the model is what the client got wrong first), not INVALID_ARGUMENT. The
 * model is looked up only when decoding failed, so a good request pays nothing.
 */
public final class ModelFirst {
    private ModelFirst() {
    }

    public static <T> T decode(InferencePlane plane, String model, String version, Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (InferenceException e) {
            plane.requireModel(model, version == null || version.isEmpty() ? null : version);
            throw e;
        }
    }
}
