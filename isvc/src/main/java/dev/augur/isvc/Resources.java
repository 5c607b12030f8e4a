package dev.augur.isvc;

import java.util.Map;

/** Kubernetes resource {@code requests} and {@code limits}; quantities kept as written ({@code "500m"}, {@code 1Gi}). */
public record Resources(Map<String, String> requests, Map<String, String> limits) {

    public Resources {
        requests = Map.copyOf(requests);
        limits = Map.copyOf(limits);
    }
}
