package dev.augur.isvc;

/**
 * KServe's {@code batcher}: requests are grouped up to {@code maxBatchSize} or {@code maxLatency}. Null fields are
 * unset (KServe's agent defaults: 32 and 500 ms).
 *
 * @param maxBatchSize largest batch
 * @param maxLatency   longest wait for a batch to fill, in milliseconds
 * @param timeout      timeout of a batched call, in seconds
 */
public record Batcher(Integer maxBatchSize, Integer maxLatency, Integer timeout) {
}
