package dev.augur.predictor.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads ONNX Runtime's native library (28 MB) on a background thread from the moment the JVM runs the predictor's
 * main method, before Quarkus starts, when the model repository holds an ONNX model: a cold start then spends that
 * time beside Quarkus' own start on the other core, and the model load only builds the session. A repository
 * without an ONNX model never loads it (runtimes a repository does not use stay unloaded).
 *
 * <p>Quarkus has not read its configuration yet, so this reads the two settings where deployments set them, the
 * system property or the environment variable ({@code augur.model-repository} / {@code AUGUR_MODEL_REPOSITORY},
 * {@code augur.onnx.native-cache-dir} / {@code AUGUR_ONNX_NATIVE_CACHE_DIR}), else their defaults. A setting made
 * only in a properties file is not seen here: then the model load finds the library loaded (or loads it) as before.
 */
public final class OnnxPreload {
    /** Model folders: repository/model/version/model.onnx at most. */
    private static final int DEPTH = 3;

    private OnnxPreload() {
    }

    /** Starts the load when the repository holds an ONNX model; returns at once and never throws. */
    public static void start() {
        try {
            Map<String, String> env = System.getenv();
            Path repository = Path.of(setting("augur.model-repository", env.get("AUGUR_MODEL_REPOSITORY"),
                    "./models"));
            if (!holdsOnnx(repository)) {
                return;
            }
            Path cache = Path.of(setting("augur.onnx.native-cache-dir", env.get("AUGUR_ONNX_NATIVE_CACHE_DIR"),
                    System.getProperty("java.io.tmpdir") + "/augur-native-" + System.getProperty("user.name")));
            Thread t = new Thread(() -> {
                try {
                    OnnxNatives.prepare(cache);
                    OrtEnvironment.getEnvironment();
                } catch (RuntimeException | LinkageError e) {
                    // The model load meets the same failure and reports it with the model's state.
                }
            }, "onnx-preload");
            t.setDaemon(true);
            t.start();
        } catch (RuntimeException e) {
            // An unreadable setting or path: the model load does its work as before.
        }
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        return v != null ? v : env != null && !env.isBlank() ? env : fallback;
    }

    static boolean holdsOnnx(Path repository) {
        if (!Files.isDirectory(repository)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(repository, DEPTH, FileVisitOption.FOLLOW_LINKS)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".onnx"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
