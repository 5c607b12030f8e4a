package dev.augur.transformer.spi;

import dev.augur.protocol.core.Tensor;
import java.util.List;

/**
 * One pre- or post-processing step of a transformer pipeline. A step receives the tensors of one request (a whole
 * batch: the first dimension is rows) and returns the tensors the next step sees; it may keep, replace, add or drop
 * tensors. Steps are created once at start-up and called concurrently, so they must be thread-safe (immutable
 * after construction is simplest).
 *
 * <p>To refuse a request, throw {@link dev.augur.protocol.core.InferenceException} (for the client's mistakes
 * {@code InferenceException.invalid("input 'x': ...")}, which is a 400 / INVALID_ARGUMENT naming the field); when a
 * preprocess step throws, the predictor is not called.
 */
@FunctionalInterface
public interface TransformStep {
    List<Tensor> apply(List<Tensor> tensors, StepContext context);
}
