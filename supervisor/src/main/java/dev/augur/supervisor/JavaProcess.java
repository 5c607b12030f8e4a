package dev.augur.supervisor;

import dev.augur.protocol.core.InternalToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts a component's runnable jar as {@code java -jar} on a free loopback port, its output in
 * {@code <run-dir>/logs/<revision>.log} and its pid in {@code <run-dir>/pids/}, so {@code ./augur down} can find it
 * even if the gateway died without stopping it. Shared by every launcher.
 *
 * <p>The JVM settings are the ones every service shares, {@code jvm.options} beside the jar (copied there from
 * {@code src/main/jvm/jvm.options} by the build), then the configured extra options; with a JDK 25 the jar's AOT
 * cache ({@code app.aot} beside it, made by the build's training run) is used when present.
 */
final class JavaProcess {
    static final String OPTIONS_FILE = "jvm.options";
    static final String AOT_CACHE = "app.aot";

    private final JavaRuntime java;
    private final List<String> jvmOptions;
    private final boolean aotCache;
    private final Path runDir;
    private final String internalToken;

    JavaProcess(JavaRuntime java, String jvmOptions, boolean aotCache, Path runDir) {
        this(java, jvmOptions, aotCache, runDir, null);
    }

    /** @param internalToken what every component started here requires on each call (the run's), or null for none */
    JavaProcess(JavaRuntime java, String jvmOptions, boolean aotCache, Path runDir, String internalToken) {
        this.internalToken = internalToken;
        this.java = java;
        this.jvmOptions = jvmOptions.isBlank() ? List.of() : Arrays.asList(jvmOptions.trim().split("\\s+"));
        this.aotCache = aotCache;
        this.runDir = runDir.toAbsolutePath().normalize();
    }

    /** The command line that runs a jar: java, shared options, extra options, the AOT cache if usable, -jar. */
    List<String> command(Path jar) {
        List<String> command = new ArrayList<>();
        command.add(java.executable());
        Path dir = jar.getParent();
        if (Files.isRegularFile(dir.resolve(OPTIONS_FILE))) {
            command.add("@" + dir.resolve(OPTIONS_FILE));
        }
        command.addAll(jvmOptions);
        if (aotCache && java.readsAotCache() && Files.isRegularFile(dir.resolve(AOT_CACHE))) {
            command.add("-XX:AOTCache=" + dir.resolve(AOT_CACHE));
        }
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    Path runDir() {
        return runDir;
    }

    /** The token the components started here require, or null. */
    String internalToken() {
        return internalToken;
    }

    /**
     * @param jar     the component's runnable jar
     * @param workDir its working directory (relative paths in its settings resolve against it)
     * @param env     its settings; the gateway's own {@code QUARKUS_*}/{@code AUGUR_*} variables never leak in
     */
    Launcher.Launched start(String revision, Path jar, String buildHint, Path workDir, Map<String, String> env)
            throws IOException {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IOException(absolute + " does not exist; build it with '" + buildHint + "'");
        }
        Path logs = Files.createDirectories(runDir.resolve("logs"));
        Path pids = Files.createDirectories(runDir.resolve("pids"));
        int port = LocalPorts.free();

        ProcessBuilder pb = new ProcessBuilder(command(absolute)).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(revision + ".log").toFile()));
        Map<String, String> childEnv = pb.environment();
        // The gateway's own settings must not leak into the component (its port above all); tracing's (QUARKUS_OTEL_*:
        // the collector, sampling) are the platform's, so components export where the gateway does.
        childEnv.keySet().removeIf(k -> (k.startsWith("QUARKUS_") && !k.startsWith("QUARKUS_OTEL_"))
                || k.startsWith("AUGUR_"));
        childEnv.putAll(env);
        childEnv.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // Loopback only, and only for callers holding this run's token: the gateway and the run's own components.
        childEnv.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        if (internalToken != null) {
            childEnv.put(InternalToken.ENV, internalToken);
        }
        Process process = pb.start();

        Path pidFile = pids.resolve(revision + ".pid");
        Files.writeString(pidFile, process.pid() + "\n");
        process.onExit().thenRun(() -> {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // Stale pid files are harmless: ./augur down checks the command line before it kills.
            }
        });
        return new Launcher.Launched(process, port);
    }
}
