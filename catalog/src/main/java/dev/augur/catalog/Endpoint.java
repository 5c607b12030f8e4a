package dev.augur.catalog;

import java.time.Duration;

/**
 * A running revision of a component, as a call needs it.
 *
 * @param component the component's name, {@code <isvc>-predictor}
 * @param revision  the revision's name, {@code <isvc>-predictor-00001}
 * @param host      where its V2 gRPC server listens
 * @param port      its port (REST and gRPC share it)
 * @param timeout   deadline of one call: the component's {@code timeout}, or the gateway's default
 */
public record Endpoint(String component, String revision, String host, int port, Duration timeout) {

    public String address() {
        return host + ":" + port;
    }
}
