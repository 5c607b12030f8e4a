package dev.augur.gateway.cluster;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Cluster mode's settings (the gateway image built with {@code -Dquarkus.profile=cluster}). */
@ConfigMapping(prefix = "augur.cluster")
public interface ClusterConfig {

    /**
     * The namespace whose InferenceServices the gateway routes to; the Kubernetes client's namespace (the pod's)
     * when unset. Env: {@code AUGUR_CLUSTER_NAMESPACE}.
     */
    Optional<String> namespace();
}
