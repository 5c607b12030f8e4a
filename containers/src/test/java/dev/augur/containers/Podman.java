package dev.augur.containers;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * podman with a per-run image store ({@code --root}/{@code --runroot} under target/), so every image a test uses
 * is built by the test run itself and nothing is left in the machine's store. Settings: the repository's
 * src/main/containers/containers.conf (README "Containers").
 */
final class Podman {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private final Path store;
    private final Path runRoot;

    /** STORE: images and containers; the run root goes to /tmp (podman refuses one longer than 50 characters). */
    Podman(Path store) throws IOException {
        this.store = store.toAbsolutePath();
        this.runRoot = Files.createTempDirectory("augur-podman");
    }

    /** Why containers cannot run here, or null when a container started and printed its user. */
    String unavailable() {
        try {
            Result v = exec(List.of("podman", "--version"), Map.of(), 30);
            if (v.code != 0) {
                return "podman is not usable: " + v.out;
            }
            Result m = exec(List.of("mmdebstrap", "--version"), Map.of(), 30);
            return m.code == 0 ? null : "mmdebstrap is not usable: " + m.out;
        } catch (IOException | InterruptedException e) {
            return "podman is not installed (apt-get install podman buildah mmdebstrap uidmap fuse-overlayfs "
                    + "slirp4netns runc): " + e.getMessage();
        }
    }

    /** Options that point podman (and bin/base-images, bin/image-build via PODMAN_OPTS) at this run's store. */
    String options() {
        return "--root " + store.resolve("root") + " --runroot " + runRoot;
    }

    Map<String, String> env() {
        return Map.of("PODMAN_OPTS", options(), "CONTAINERS_CONF",
                ROOT.resolve("src/main/containers/containers.conf").toString());
    }

    /** Runs a repository script (bin/...) against this store; fails with its output when it fails. */
    String script(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, ROOT.resolve(command[0]).toString());
        return check(exec(cmd, env(), 900), cmd);
    }

    /** podman ARGS against this store; fails with its output when podman does. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = podman(args);
        return check(exec(cmd, env(), 300), cmd);
    }

    /** podman ARGS, whatever its exit code. */
    Result tryRun(String... args) throws IOException, InterruptedException {
        return exec(podman(args), env(), 300);
    }

    private List<String> podman(String... args) {
        List<String> cmd = new ArrayList<>(List.of("podman"));
        cmd.addAll(List.of(options().split(" ")));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Result(int code, String out) {
    }

    private static String check(Result r, List<String> cmd) {
        if (r.code != 0) {
            throw new AssertionError(String.join(" ", cmd) + " exited with " + r.code + ":\n" + r.out);
        }
        return r.out.trim();
    }

    private static Result exec(List<String> cmd, Map<String, String> env, int seconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("podman", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + seconds + " s: " + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
