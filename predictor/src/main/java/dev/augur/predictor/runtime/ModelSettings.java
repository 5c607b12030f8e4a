package dev.augur.predictor.runtime;

import java.util.List;

/**
 * A model's own settings from its optional {@code config.yaml}, merged over the server's defaults.
 *
 * @param format       framework name, or null to choose by file type
 * @param instances    requests executing at once
 * @param maxQueueSize requests waiting beyond those executing
 * @param latest       serve only the newest N versions (0 = all versions found)
 * @param versions     serve exactly these versions (empty = by {@code latest})
 * @param labels       class labels by index, if the model's outputs are class ids
 * @param maxBatchSize dynamic batching: rows merged into one runtime call (1 = off)
 * @param maxLatencyMs dynamic batching: longest a request waits for others to join its batch
 * @param features     column names of the model's single 2-D input, for named-feature requests (overrides what
 *                     the model itself says)
 * @param predictProba classifiers also return class probabilities, as their first output (XGBoost)
 * @param storageUri   where the model's files come from instead of its folder ({@code storage_uri}), or null
 */
public record ModelSettings(String format, int instances, int maxQueueSize, int latest, List<String> versions,
        List<String> labels, int maxBatchSize, int maxLatencyMs, List<String> features, boolean predictProba,
        String storageUri) {
}
