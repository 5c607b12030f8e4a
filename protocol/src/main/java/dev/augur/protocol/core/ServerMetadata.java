package dev.augur.protocol.core;

import java.util.List;

/** What {@code GET /v2} and ServerMetadata report. */
public record ServerMetadata(String name, String version, List<String> extensions) {
}
