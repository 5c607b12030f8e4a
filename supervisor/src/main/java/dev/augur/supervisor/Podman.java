package dev.augur.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * podman as local mode uses it: whether it runs here, whether an image is in the local store (nothing is ever
 * pulled: no registry may be reachable), and removing containers left by a gateway that died. Every container of a
 * run dir carries {@link #RUN_DIR_LABEL} (its absolute path) and {@link #RUN_ID_LABEL} (this gateway run), so a
 * later gateway or {@code ./augur down} finds the leftovers.
 */
final class Podman {
    static final String RUN_DIR_LABEL = "dev.augur.run-dir";
    static final String RUN_ID_LABEL = "dev.augur.run-id";
    static final String INSTALL = "apt-get install podman uidmap fuse-overlayfs slirp4netns runc";
    private static final long COMMAND_SECONDS = 60;

    private final List<String> base;
    private final Map<String, String> env;
    /**
     * Images found in the store: not asked again, so a scale from zero (which may start on a request's thread) costs
     * no podman call before its {@code podman run}. A missing one is asked each time (it may have been built since).
     */
    private final Set<String> present = ConcurrentHashMap.newKeySet();

    Podman(ContainerConfig config) {
        List<String> b = new ArrayList<>(List.of(config.podman()));
        config.podmanOptions().filter(o -> !o.isBlank()).ifPresent(o -> b.addAll(Arrays.asList(o.trim().split("\\s+"))));
        this.base = List.copyOf(b);
        String conf = config.conf().orElseGet(() -> {
            String inherited = System.getenv("CONTAINERS_CONF");
            Path repo = Path.of("src/main/containers/containers.conf");
            return inherited != null ? inherited : Files.isRegularFile(repo) ? repo.toAbsolutePath().toString() : null;
        });
        this.env = conf == null ? Map.of() : Map.of("CONTAINERS_CONF", conf);
    }

    /** {@code podman <options> ARGS}: the command line of a podman call. */
    List<String> command(List<String> args) {
        List<String> c = new ArrayList<>(base);
        c.addAll(args);
        return c;
    }

    Map<String, String> env() {
        return env;
    }

    /** Null when podman answers here, else why not (with how to install it). */
    String unavailable() {
        try {
            Result r = exec(List.of("--version"));
            return r.code == 0 ? null : "podman does not run here: " + r.out.trim();
        } catch (IOException e) {
            return "podman is not installed (" + INSTALL + ")";
        }
    }

    /** Fails with the reason unless {@code image} is in the local store. */
    void requireImage(String image) throws IOException {
        requireImage(image, "build it (podman build -t " + image + " ...) or podman load it");
    }

    /** Fails with the reason and {@code howToGet} (how to put it in the store) unless {@code image} is there. */
    void requireImage(String image, String howToGet) throws IOException {
        if (present.contains(image)) {
            return;
        }
        Result r;
        try {
            r = exec(List.of("image", "exists", image));
        } catch (IOException e) {
            String why = unavailable();
            throw why == null ? e : new IOException(why);
        }
        if (r.code == 1) {
            throw new IOException("image " + image + " is not in podman's local store; local mode pulls nothing (no "
                    + "registry is used): " + howToGet);
        }
        if (r.code != 0) {
            throw new IOException("podman image exists " + image + " failed: " + r.out.trim());
        }
        present.add(image);
    }

    /** Removes the containers of {@code runDir} that another gateway run started (it died without stopping them). */
    List<String> removeLeftovers(String runDir, String runId) throws IOException {
        Result ps = exec(List.of("ps", "-a", "--filter", "label=" + RUN_DIR_LABEL + "=" + runDir, "--format",
                "{{.Names}} {{index .Labels \"" + RUN_ID_LABEL + "\"}}"));
        List<String> gone = new ArrayList<>();
        for (String line : ps.out.split("\n")) {
            String[] f = line.trim().split(" ");
            if (ps.code == 0 && f.length >= 1 && !f[0].isEmpty() && !(f.length > 1 && f[1].equals(runId))) {
                remove(f[0]);
                gone.add(f[0]);
            }
        }
        return gone;
    }

    /** Removes a container at once, whatever its state; a missing one is no error. */
    void remove(String name) throws IOException {
        exec(List.of("rm", "--force", "--ignore", "--time", "0", name));
    }

    record Result(int code, String out) {
    }

    private Result exec(List<String> args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            // Output is small (one line per container); read before waiting so a full pipe cannot block podman.
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("podman " + String.join(" ", args) + " did not finish in " + COMMAND_SECONDS
                        + " s");
            }
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running podman", e);
        }
    }
}
