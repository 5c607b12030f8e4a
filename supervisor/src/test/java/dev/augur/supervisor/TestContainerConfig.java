package dev.augur.supervisor;

import java.util.Optional;

/** {@link ContainerConfig} with its defaults, for tests that build podman command lines (nothing runs podman). */
final class TestContainerConfig implements ContainerConfig {
    static final ContainerConfig DEFAULTS = new TestContainerConfig();

    @Override
    public String podman() {
        return "podman";
    }

    @Override
    public Optional<String> podmanOptions() {
        return Optional.empty();
    }

    @Override
    public Optional<String> conf() {
        return Optional.empty();
    }

    @Override
    public String network() {
        return "slirp4netns:allow_host_loopback=true";
    }

    @Override
    public String hostAddress() {
        return "10.0.2.2";
    }

    @Override
    public String predictorImage() {
        return "augur/predictor-jvm:latest";
    }
}
