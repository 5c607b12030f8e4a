package dev.augur.protocol.core;

import java.util.List;

/** What {@code GET /v2/models/{m}} and ModelMetadata report. */
public record ModelMetadata(String name, List<String> versions, String platform, List<TensorSpec> inputs,
        List<TensorSpec> outputs) {
}
