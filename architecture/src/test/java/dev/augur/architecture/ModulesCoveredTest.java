package dev.augur.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules only see the modules this module depends on: every module of the root pom with main Java code must be
 * one of them, or a new module would escape the rules unnoticed.
 */
class ModulesCoveredTest {
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
    private static final Pattern DEPENDENCY = Pattern.compile("<artifactId>(augur-[^<]+)</artifactId>");

    @Test
    void everyModuleWithMainCodeIsAnalysed() throws IOException {
        Path root = Path.of("..");
        TreeSet<String> expected = new TreeSet<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            Path module = root.resolve(m.group(1));
            if (hasJava(module.resolve("src/main/java")) && !module.endsWith("architecture")) {
                Matcher a = ARTIFACT.matcher(Files.readString(module.resolve("pom.xml")));
                expected.add(a.find() ? a.group(1) : "(no artifactId in " + module + "/pom.xml)");
            }
        }
        TreeSet<String> analysed = new TreeSet<>();
        Matcher d = DEPENDENCY.matcher(Files.readString(Path.of("pom.xml")).split("<dependencies>", 2)[1]);
        while (d.find()) {
            analysed.add(d.group(1));
        }
        assertEquals(List.copyOf(expected), List.copyOf(analysed),
                "architecture/pom.xml must depend (test scope, all exclusions) on exactly the modules with main code");
    }

    private static boolean hasJava(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        }
    }
}
