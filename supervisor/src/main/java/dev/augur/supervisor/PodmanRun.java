package dev.augur.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The foreground {@code podman run} of one revision, shared by the launchers of containers (foreign images and, with
 * {@code augur.local.runtime=containers}, Augur's own): that process is the revision's process. It lives as long as
 * the container, its exit is the container's, and SIGTERM to it reaches the container (podman proxies signals).
 * Whenever it exits the container is removed too, so a podman killed after the grace period leaves nothing running.
 */
final class PodmanRun {
    private final Podman podman;
    private final ContainerConfig config;
    private final Path runDir;
    private final String runId;
    private final AtomicLong launches = new AtomicLong();

    PodmanRun(Podman podman, ContainerConfig config, Path runDir, String runId) {
        this.podman = podman;
        this.config = config;
        this.runDir = runDir.toAbsolutePath().normalize();
        this.runId = runId;
    }

    Podman podman() {
        return podman;
    }

    ContainerConfig config() {
        return config;
    }

    /**
     * A new container's name: unique per run dir (tests run gateways side by side) and per launch, so the removal
     * that follows an earlier launch's exit (asynchronous: a scale to zero, then a request at once) can never hit
     * the revision's next container.
     */
    String name(Revision revision) {
        return "augur-" + Integer.toHexString(runDir.toString().hashCode()) + "-" + revision.name() + "-"
                + launches.incrementAndGet();
    }

    /**
     * {@code run --rm --replace --pull never --name NAME}, the labels that find it after a crash, the network and
     * {@code serving} published on loopback only at {@code port}: what every revision's container starts with.
     */
    List<String> head(Revision revision, String name, int port, int serving) {
        return new ArrayList<>(List.of("run", "--rm", "--replace", "--pull", "never", "--name", name,
                "--label", Podman.RUN_DIR_LABEL + "=" + runDir, "--label", Podman.RUN_ID_LABEL + "=" + runId,
                "--label", "dev.augur.revision=" + revision.name(),
                "--network", config.network(), "-p", "127.0.0.1:" + port + ":" + serving));
    }

    /**
     * Starts {@code podman ARGUMENTS} with its output in {@code <run-dir>/logs/<revision>.log}.
     *
     * @param env variables of podman's own environment, for {@code --env NAME} (no value) arguments: a secret passed
     *            that way never shows on a command line ({@code ps})
     */
    Launcher.Launched start(Revision revision, String name, List<String> arguments, int port,
            Map<String, String> env, Launcher.Readiness readiness) throws IOException {
        Path logs = Files.createDirectories(runDir.resolve("logs"));
        ProcessBuilder pb = new ProcessBuilder(podman.command(arguments))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(revision.name() + ".log").toFile()));
        pb.environment().putAll(podman.env());
        pb.environment().putAll(env);
        Process process = pb.start();
        process.onExit().thenRunAsync(() -> {
            try {
                podman.remove(name);
            } catch (IOException e) {
                // The next gateway's start removes it (by its run-dir label), and so does ./augur down.
            }
        });
        return new Launcher.Launched(process, port, CompletableFuture.completedFuture(null), readiness);
    }
}
