package dev.augur.predictor.runtime.lightgbm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads LightGBM's native libraries, which lightgbmlib ships in its jar without a loader: both are copied to a
 * temporary folder and loaded with {@link System#load}, {@code lib_lightgbm} first because {@code lib_lightgbm_swig}
 * (the JNI bindings) links against it. The holder class makes this happen exactly once per JVM (per class loader),
 * thread-safely; a failure is kept and reported on every call.
 */
public final class LightGbmNative {
    private static final String[] LIBRARIES = {"lib_lightgbm", "lib_lightgbm_swig"};

    private LightGbmNative() {
    }

    /** Loads the libraries on the first call; throws why they cannot be loaded on every call if they cannot. */
    public static void load() {
        if (Holder.FAILURE != null) {
            UnsatisfiedLinkError e = new UnsatisfiedLinkError("LightGBM's native libraries could not be loaded: "
                    + Holder.FAILURE.getMessage());
            e.initCause(Holder.FAILURE);
            throw e;
        }
    }

    private static final class Holder {
        static final Throwable FAILURE = extractAndLoad();
    }

    private static Throwable extractAndLoad() {
        List<Path> extracted = new ArrayList<>();
        Path dir = null;
        try {
            String folder = platformFolder();
            dir = Files.createTempDirectory("augur-lightgbm");
            for (String name : LIBRARIES) {
                String file = name + suffix();
                String resource = "/com/microsoft/ml/lightgbm/" + folder + "/" + file;
                Path target = dir.resolve(file);
                try (InputStream in = LightGbmNative.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("lightgbmlib has no " + resource + " for this platform");
                    }
                    Files.copy(in, target);
                }
                extracted.add(target);
                System.load(target.toAbsolutePath().toString());
            }
            return null;
        } catch (IOException | RuntimeException | LinkageError e) {
            return e;
        } finally {
            // Once loaded the libraries stay mapped; the files are not needed (where the OS lets us delete them).
            for (Path p : extracted) {
                delete(p);
            }
            if (dir != null) {
                delete(dir);
            }
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            p.toFile().deleteOnExit();
        }
    }

    private static String platformFolder() throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            throw new IOException("lightgbmlib ships x86_64 libraries only, this JVM runs on " + arch);
        }
        if (os.contains("linux")) {
            return "linux/x86_64";
        }
        if (os.contains("mac")) {
            return "osx/x86_64";
        }
        if (os.contains("windows")) {
            return "windows/x86_64";
        }
        throw new IOException("lightgbmlib ships no native library for " + os);
    }

    private static String suffix() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("mac") ? ".dylib" : os.contains("windows") ? ".dll" : ".so";
    }
}
