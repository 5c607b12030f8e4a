package dev.augur.predictor.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** File sniffing shared by runtimes whose extensions overlap ({@code .bst} and {@code .model}). */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** True when the file's first bytes are {@code prefix} (ASCII); false when it is shorter or unreadable. */
    public static boolean startsWith(Path file, String prefix) {
        byte[] want = prefix.getBytes(StandardCharsets.US_ASCII);
        try (var in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(want.length), want);
        } catch (IOException e) {
            return false;
        }
    }
}
