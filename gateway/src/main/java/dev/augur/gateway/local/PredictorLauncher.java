package dev.augur.gateway.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts a predictor revision as {@code java -jar <predictor jar>} on a free loopback port, with a model repository
 * staged for it, its output in {@code <run-dir>/logs/<revision>.log} and its pid in {@code <run-dir>/pids/}, so
 * {@code ./augur down} can find it even if the gateway died without stopping it.
 */
final class PredictorLauncher implements Launcher {
    private final String java;
    private final List<String> jvmOptions;
    private final Path jar;
    private final Path runDir;
    private final Path servicesDir;

    PredictorLauncher(String java, String jvmOptions, Path jar, Path runDir, Path servicesDir) {
        this.java = java;
        this.jvmOptions = jvmOptions.isBlank() ? List.of() : Arrays.asList(jvmOptions.trim().split("\\s+"));
        this.jar = jar.toAbsolutePath().normalize();
        this.runDir = runDir.toAbsolutePath().normalize();
        this.servicesDir = servicesDir;
    }

    @Override
    public Launched launch(Revision revision) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("predictor jar " + jar + " does not exist; build it with "
                    + "'mvn -B -pl predictor -am package -DskipTests'");
        }
        Path model = ModelStaging.resolve(revision.spec().model().storageUri(), servicesDir);
        Path repository = ModelStaging.stage(runDir.resolve("revisions").resolve(revision.name()),
                revision.service(), model);
        Path logs = Files.createDirectories(runDir.resolve("logs"));
        Path pids = Files.createDirectories(runDir.resolve("pids"));
        int port = freePort();

        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(revision.name() + ".log").toFile()));
        Map<String, String> env = pb.environment();
        // The gateway's own settings must not leak into the component (its port above all).
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("AUGUR_"));
        env.putAll(revision.spec().model().env());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("AUGUR_MODEL_REPOSITORY", repository.toString());
        Process process = pb.start();

        Path pidFile = pids.resolve(revision.name() + ".pid");
        Files.writeString(pidFile, process.pid() + "\n");
        process.onExit().thenRun(() -> {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // Stale pid files are harmless: ./augur down checks the command line before it kills.
            }
        });
        return new Launched(process, port);
    }

    /**
     * A port free right now. Another process could take it before the component binds it; the component would
     * then fail to start and be restarted on another port after its back-off.
     */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
