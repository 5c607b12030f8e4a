package dev.augur.protocol.core;

/**
 * One row of the model repository index (Triton's {@code POST /v2/repository/index}), plus the memory the version
 * holds.
 *
 * @param state UNKNOWN, LOADING, READY, UNLOADING or UNAVAILABLE
 */
public record ModelIndexEntry(String name, String version, String state, String reason, long memoryBytes) {
}
