package dev.augur.predictor.runtime.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * ONNX Runtime unpacks its native libraries (28 MB) from its jar into a new temporary folder every time a JVM first
 * uses it, about 200 ms of each cold start. Here they are unpacked once into a cache folder, one sub-folder per
 * library build, and ONNX Runtime is pointed at it ({@code onnxruntime.native.path}) before its first use.
 *
 * <p>Only a folder this user owns and no one else can write is used: a library planted there would run inside the
 * predictor. If anything is off, nothing is set and ONNX Runtime unpacks as it always did.
 */
public final class OnnxNatives {
    private static final Logger LOG = Logger.getLogger(OnnxNatives.class);
    static final String PROPERTY = "onnxruntime.native.path";
    /** The class loader whose ONNX Runtime uses the cache (set with {@link #PROPERTY}). */
    private static final String OWNER = "dev.augur.onnx-native-cache-owner";
    private static final String[] LIBRARIES = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private OnnxNatives() {
    }

    /** Points ONNX Runtime at the cached libraries, unpacking them first if needed. Idempotent; never throws. */
    public static synchronized void prepare(Path cacheDir) {
        // The JVM loads one library file into one class loader only. In a packaged app there is one; Quarkus' dev and
        // test modes make a new one per restart, and those unpack into temporary files as ONNX Runtime always did.
        String loader = Integer.toHexString(System.identityHashCode(ai.onnxruntime.OrtEnvironment.class
                .getClassLoader()));
        String owner = System.getProperty(OWNER);
        if (owner != null) {
            if (!owner.equals(loader)) {
                System.clearProperty(PROPERTY);
            }
            return;
        }
        if (System.getProperty(PROPERTY) != null || !System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        String folder = "ai/onnxruntime/native/linux-" + arch() + "/";
        URL first = OnnxNatives.class.getClassLoader().getResource(folder + LIBRARIES[0]);
        if (first == null) {
            return;
        }
        try {
            Path root = ownedFolder(cacheDir);
            // The jar's URL names its version (and location): a new ONNX Runtime gets a new folder.
            Path dir = root.resolve("onnxruntime-" + Integer.toHexString(first.toString().hashCode()));
            if (!complete(dir)) {
                unpack(folder, root, dir);
            }
            System.setProperty(PROPERTY, dir.toString());
            System.setProperty(OWNER, loader);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("ONNX Runtime unpacks its own libraries (native cache %s unusable: %s)", cacheDir, e);
        }
    }

    private static Path ownedFolder(Path dir) throws IOException {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // A file, not a folder: checked below.
        }
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || !Files.getOwner(dir).getName().equals(System.getProperty("user.name"))
                || !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(dir))) {
            throw new IOException(dir + " is not a folder only this user can write");
        }
        return dir;
    }

    private static boolean complete(Path dir) {
        for (String lib : LIBRARIES) {
            if (!Files.isRegularFile(dir.resolve(lib))) {
                return false;
            }
        }
        return true;
    }

    /** Unpacks into a private temporary folder, then renames it into place: no one ever sees half a library. */
    private static void unpack(String folder, Path root, Path dir) throws IOException {
        Path tmp = Files.createTempDirectory(root, ".unpacking-");
        try {
            for (String lib : LIBRARIES) {
                try (InputStream in = OnnxNatives.class.getClassLoader().getResourceAsStream(folder + lib)) {
                    if (in == null) {
                        throw new IOException("no " + folder + lib + " in ONNX Runtime's jar");
                    }
                    Files.copy(in, tmp.resolve(lib));
                }
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                // Another predictor unpacked the same build at the same time: keep its copy.
            } catch (IOException e) {
                if (!complete(dir)) {
                    throw e;
                }
            }
        } finally {
            if (Files.exists(tmp)) {
                for (String lib : LIBRARIES) {
                    Files.deleteIfExists(tmp.resolve(lib));
                }
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static String arch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : arch;
    }
}
