package dev.augur.catalog;

/** CDI event: nothing will answer at this address any more, so a cached channel to it can be closed. */
public record EndpointClosed(String host, int port) {
}
