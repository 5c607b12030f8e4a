package dev.augur.client;

import java.time.Duration;

/**
 * A component as a call needs it.
 *
 * @param name      who answers, as errors name it: {@code iris-predictor} at the gateway, {@code predictor} elsewhere
 * @param revision  the revision's name ({@code iris-predictor-00001}), or null when the caller does not know it
 * @param host      where its V2 gRPC server listens
 * @param port      its port
 * @param timeout   deadline of one call (the earlier of it and the caller's own deadline wins), or null for none
 * @param authority the {@code :authority} to send when the address routes by host (a gateway, a Knative ingress),
 *                  or null for the address itself
 */
public record Peer(String name, String revision, String host, int port, Duration timeout, String authority) {

    /** A component at {@code host:port} that has no revision name (a transformer's or explainer's predictor). */
    public static Peer at(String name, String address, Duration timeout, String authority) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException(name + " address '" + address + "' must be host:port");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " address '" + address + "' must be host:port");
        }
        return new Peer(name, null, address.substring(0, colon), port, timeout, authority);
    }

    public String address() {
        return host + ":" + port;
    }

    /** How error messages name it. */
    String who() {
        return revision == null ? name + " at " + address()
                : "component '" + name + "' (revision " + revision + " at " + address() + ")";
    }
}
