package dev.augur.gateway.service;

import java.util.Locale;
import java.util.Optional;

/**
 * KServe's and Knative's host-based routing: {@code Host: <isvc>.<namespace>.<domain>} addresses an
 * InferenceService whatever the path says. Any other host (localhost, an IP) routes by the model name in the path.
 */
public final class HostRouting {

    /** The first two labels of a Host under the domain: a service (or graph) and its namespace. */
    public record Route(String service, String namespace) {
    }

    private HostRouting() {
    }

    public static Optional<Route> parse(String host, String domain) {
        if (host == null || host.isEmpty() || host.startsWith("[")) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        String suffix = "." + domain.toLowerCase(Locale.ROOT);
        if (!h.endsWith(suffix)) {
            return Optional.empty();
        }
        String[] labels = h.substring(0, h.length() - suffix.length()).split("\\.");
        if (labels.length != 2 || labels[0].isEmpty() || labels[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Route(labels[0], labels[1]));
    }
}
