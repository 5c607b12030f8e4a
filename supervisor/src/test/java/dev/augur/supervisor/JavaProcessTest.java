package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of a component: shared JVM options, extra options, the AOT cache only where it can be used. */
class JavaProcessTest {
    @TempDir
    Path app;

    private Path jar() throws Exception {
        Files.writeString(app.resolve(JavaProcess.OPTIONS_FILE), "-XX:+UseSerialGC\n");
        return Files.writeString(app.resolve("quarkus-run.jar"), "");
    }

    private List<String> command(int feature, boolean aot, String extra) throws Exception {
        Path jar = jar();
        return new JavaProcess(new JavaRuntime("/jdk/bin/java", feature), extra, aot, app.resolve("run"))
                .command(jar);
    }

    @Test
    void jdk25WithACacheUsesIt() throws Exception {
        Files.writeString(app.resolve(JavaProcess.AOT_CACHE), "");
        assertEquals(List.of("/jdk/bin/java", "@" + app.resolve("jvm.options"), "-Xmx128m",
                "-XX:AOTCache=" + app.resolve("app.aot"), "-jar", app.resolve("quarkus-run.jar").toString()),
                command(25, true, "-Xmx128m"));
    }

    @Test
    void jdk17NeverGetsTheCacheOption() throws Exception {
        Files.writeString(app.resolve(JavaProcess.AOT_CACHE), "");
        assertEquals(List.of("/jdk/bin/java", "@" + app.resolve("jvm.options"), "-jar",
                app.resolve("quarkus-run.jar").toString()), command(17, true, ""));
    }

    @Test
    void noCacheFileNoCacheOption() throws Exception {
        assertTrue(command(25, true, "").stream().noneMatch(a -> a.startsWith("-XX:AOTCache")));
    }

    @Test
    void cacheTurnedOffIsNotUsed() throws Exception {
        Files.writeString(app.resolve(JavaProcess.AOT_CACHE), "");
        assertTrue(command(25, false, "").stream().noneMatch(a -> a.startsWith("-XX:AOTCache")));
    }

    @Test
    void jdk17MessageSaysHowToGetTheCache() {
        String message = new JavaRuntime("/usr/bin/java", 17).aotStatus(true);
        assertTrue(message.contains("JDK 17") && message.contains("augur.local.java")
                && message.contains("JDK 25 or newer"), message);
    }

    @Test
    void versionIsReadFromTheSpecificationVersion() {
        assertEquals(25, JavaRuntime.parse("Property settings:\n    java.specification.version = 25\n"));
        assertEquals(17, JavaRuntime.parse("    java.specification.version = 17\n    java.version = 17.0.15\n"));
        assertEquals(8, JavaRuntime.parse("    java.specification.version = 1.8\n"));
    }

    @Test
    void thisTestsOwnJavaReportsItsVersion() {
        String own = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertEquals(Runtime.version().feature(), JavaRuntime.of(own).feature());
    }
}
