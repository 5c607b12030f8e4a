package dev.augur.supervisor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/**
 * How local mode runs containers with podman: components whose image is not Augur's own, and with
 * {@code augur.local.runtime=containers} Augur's own too (README "Containers"). Read once at start-up.
 */
@ConfigMapping(prefix = "augur.local.containers")
public interface ContainerConfig {

    /** The podman executable. */
    @WithDefault("podman")
    String podman();

    /**
     * Global podman options put before every command, separated by spaces (e.g. {@code --root DIR --runroot DIR} for
     * a store of one's own, as the tests use).
     */
    @WithName("podman-options")
    Optional<String> podmanOptions();

    /**
     * The {@code containers.conf} podman reads ({@code CONTAINERS_CONF}). Unset: the variable as the gateway has
     * it, else the repository's {@code src/main/containers/containers.conf} when it exists in the working directory
     * (runc and ulimits this kind of sandbox needs).
     */
    Optional<String> conf();

    /**
     * The network of each container. slirp4netns with {@code allow_host_loopback} lets a transformer call back to
     * the gateway, which listens on loopback only, at {@link #hostAddress()}.
     */
    @WithDefault("slirp4netns:allow_host_loopback=true")
    String network();

    /** The host's loopback as a container on {@link #network()} reaches it (slirp4netns' fixed address). */
    @WithName("host-address")
    @WithDefault("10.0.2.2")
    String hostAddress();

    /**
     * The image a predictor with a {@code model} runs as when {@code augur.local.runtime=containers} (transformers and
     * explainers run the image their spec names). From podman's local store only: {@code mvn package -Pimages}.
     */
    @WithName("predictor-image")
    @WithDefault("augur/predictor-jvm:latest")
    String predictorImage();
}
