package dev.augur.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The {@code java} that runs components, and what it can do: JDK 25 reads the AOT caches that the build makes
 * ({@code app.aot} beside each jar, JEP 483/514/515); JDK 17 starts the same jars without them.
 */
record JavaRuntime(String executable, int feature) {
    /** The first JDK whose launcher reads {@code -XX:AOTCache} with method profiles (JEP 515). */
    static final int AOT_CACHE_FEATURE = 25;

    /** Asks the executable for its version; the gateway's own JVM answers without starting a process. */
    static JavaRuntime of(String executable) {
        Path own = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            if (Files.isSameFile(Path.of(executable), own)) {
                return new JavaRuntime(executable, Runtime.version().feature());
            }
        } catch (IOException | RuntimeException e) {
            // Not a path to a file (e.g. "java" on PATH): ask it.
        }
        return new JavaRuntime(executable, probe(executable));
    }

    boolean readsAotCache() {
        return feature >= AOT_CACHE_FEATURE;
    }

    /** What components start with, and on a JDK before 25 how to get the AOT caches. */
    String aotStatus(boolean aotCache) {
        if (!aotCache) {
            return "components run on " + executable + " (JDK " + feature + "); AOT caches off "
                    + "(augur.local.aot-cache=false)";
        }
        if (readsAotCache()) {
            return "components run on " + executable + " (JDK " + feature + ") with their AOT caches (app.aot "
                    + "beside each jar, when the build made one)";
        }
        return "components run on " + executable + " (JDK " + feature + "), which cannot read AOT caches: they "
                + "start without them, about 3x slower. Set augur.local.java (./augur: JAVA) to a JDK "
                + AOT_CACHE_FEATURE + " or newer to use them.";
    }

    /** The feature version {@code java -XshowSettings:properties -version} reports, or 0 if it does not run. */
    static int probe(String executable) {
        try {
            Process p = new ProcessBuilder(executable, "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return parse(out);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The feature version in {@code java.specification.version = 17} (or {@code 1.8}: 8). */
    static int parse(String settings) {
        for (String line : settings.split("\n")) {
            String l = line.trim();
            if (l.startsWith("java.specification.version =")) {
                String v = l.substring(l.indexOf('=') + 1).trim();
                String[] parts = v.split("\\.");
                try {
                    return parts[0].equals("1") && parts.length > 1 ? Integer.parseInt(parts[1])
                            : Integer.parseInt(parts[0]);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
