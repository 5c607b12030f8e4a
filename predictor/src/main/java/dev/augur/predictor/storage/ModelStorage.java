package dev.augur.predictor.storage;

import dev.augur.predictor.config.PredictorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Fetches a model's files from where its {@code storage_uri} says (a local path, {@code file://}, {@code http(s)://}
 * or {@code s3://}) into a local cache folder, once. Each URI gets a cache entry named by a hash of the URI; it is
 * downloaded into a temporary folder, hashed (SHA-256, checked against {@code #sha256=<hex>} when the URI carries
 * one), unpacked if it is an archive, and only then renamed into place together with a manifest recording the
 * hashes, so a half-done download is never used. A later fetch of the same URI uses the entry.
 */
@ApplicationScoped
public class ModelStorage {
    private static final Logger LOG = Logger.getLogger(ModelStorage.class);
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern SHA256 = Pattern.compile("sha256=([0-9a-fA-F]{64})");
    static final String MANIFEST = "manifest.sha256";
    static final String MODEL = "model";

    private final Path cacheDir;
    private final List<Storage> backends;

    @Inject
    public ModelStorage(PredictorConfig config) {
        this(Path.of(config.storage().cacheDir()), List.of(new LocalStorage(),
                new HttpStorage(config.storage().connectTimeout(), config.storage().downloadTimeout()),
                new S3Storage(config.storage())));
    }

    ModelStorage(Path cacheDir, List<Storage> backends) {
        this.cacheDir = cacheDir;
        this.backends = backends;
    }

    @PreDestroy
    void close() {
        for (Storage s : backends) {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debugf("closing %s: %s", s, e);
                }
            }
        }
    }

    /**
     * The local folder holding what {@code location} names.
     *
     * @param location a URI ({@code file:}, {@code http(s)://}, {@code s3://}), or a path, relative to
     *                 {@code base}; an optional fragment {@code #sha256=<64 hex digits>} is the expected checksum
     * @param base     the folder relative paths are resolved against (the model's folder)
     * @throws StorageException naming the location and what went wrong
     */
    public Path fetch(String location, Path base) throws StorageException {
        String shown = location;
        try {
            int hash = location.indexOf('#');
            String fragment = hash < 0 ? null : location.substring(hash + 1);
            String plain = hash < 0 ? location : location.substring(0, hash);
            URI uri = SCHEME.matcher(plain).matches() && !plain.matches("^[A-Za-z]:[\\\\/].*")
                    ? parse(plain) : base.resolve(plain).toAbsolutePath().normalize().toUri();
            shown = display(uri);
            String expected = null;
            if (fragment != null) {
                var m = SHA256.matcher(fragment);
                if (!m.matches()) {
                    throw new StorageException("unknown fragment '#" + fragment + "'; expected #sha256=<64 hex digits>");
                }
                expected = m.group(1).toLowerCase(Locale.ROOT);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            Storage backend = backends.stream().filter(b -> b.schemes().contains(scheme)).findFirst()
                    .orElseThrow(() -> new StorageException("unsupported scheme '" + scheme + "'; supported: "
                            + backends.stream().flatMap(b -> b.schemes().stream()).sorted().toList()));
            if (scheme.equals("file") && Files.isDirectory(Path.of(uri))) {
                if (expected != null) {
                    throw new StorageException("a checksum applies to a file or an archive, not a folder");
                }
                return Path.of(uri);
            }
            return cached(uri, location, expected, backend);
        } catch (StorageException e) {
            throw new StorageException(shown + ": " + e.getMessage(), e.getCause());
        } catch (IOException | RuntimeException e) {
            throw new StorageException(shown + ": " + Archives.describe(e), e);
        }
    }

    private static URI parse(String plain) throws StorageException {
        try {
            URI uri = new URI(plain);
            if (uri.getScheme() == null) {
                throw new StorageException("not a URI");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new StorageException("malformed URI (" + e.getMessage() + ")");
        }
    }

    /** A location as logs and reasons show it: URIs without user info or query, paths as they are. */
    public static String display(String location) {
        try {
            URI uri = new URI(location);
            return uri.getScheme() == null ? location : display(uri);
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return location.replaceAll("//[^/@]*@", "//").replaceAll("\\?.*$", "?...");
        }
    }

    /** The URI as logs and reasons show it: no user info, and no query (it may hold a signature). */
    static String display(URI uri) {
        String auth = uri.getRawAuthority() == null ? "" : uri.getRawAuthority().replaceFirst("^.*@", "");
        return uri.getScheme() + ":" + (uri.getRawAuthority() == null ? "" : "//" + auth)
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?...");
    }

    private Path cached(URI uri, String location, String expected, Storage backend) throws IOException {
        Path entry = cacheDir.resolve(hex(sha256(location.getBytes(StandardCharsets.UTF_8))).substring(0, 32));
        if (Files.isRegularFile(entry.resolve(MANIFEST))) {
            LOG.debugf("%s: using cached %s", display(uri), entry);
            return modelFolder(entry.resolve(MODEL));
        }
        Files.createDirectories(cacheDir);
        Path tmp = cacheDir.resolve(".tmp-" + entry.getFileName() + "-" + UUID.randomUUID());
        try {
            Path download = Files.createDirectories(tmp.resolve("download"));
            long start = System.nanoTime();
            backend.download(uri, download); // the fragment was split off before parsing
            Map<String, String> hashes = hashes(download);
            if (hashes.isEmpty()) {
                throw new StorageException("nothing was downloaded");
            }
            if (expected != null) {
                if (hashes.size() != 1) {
                    throw new StorageException("a checksum applies to one file, but " + hashes.size()
                            + " were downloaded");
                }
                String actual = hashes.values().iterator().next();
                if (!actual.equals(expected)) {
                    throw new StorageException("checksum mismatch: expected sha256 " + expected + ", got " + actual);
                }
            }
            Path model = tmp.resolve(MODEL);
            if (hashes.size() == 1 && Archives.isArchive(hashes.keySet().iterator().next())) {
                Files.createDirectories(model);
                Archives.unpack(download.resolve(hashes.keySet().iterator().next()), model);
                delete(download);
            } else {
                Files.move(download, model);
            }
            StringBuilder manifest = new StringBuilder("# " + display(uri) + "\n");
            hashes.forEach((file, sha) -> manifest.append(sha).append("  ").append(file).append('\n'));
            Files.writeString(tmp.resolve(MANIFEST), manifest);
            publish(tmp, entry);
            LOG.infof("%s: fetched %d file(s) into %s in %d ms", display(uri), hashes.size(), entry,
                    (System.nanoTime() - start) / 1_000_000);
            return modelFolder(entry.resolve(MODEL));
        } finally {
            delete(tmp);
        }
    }

    /** Renames the finished folder into place; if another fetch got there first, its entry is used. */
    private static void publish(Path tmp, Path entry) throws IOException {
        try {
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!Files.isRegularFile(entry.resolve(MANIFEST))) {
                delete(entry); // an entry without a manifest is not complete: replace it
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new StorageException("the cache folder cannot rename atomically: " + e.getMessage(), e);
        }
    }

    /** An archive that unpacks to one folder (not a version number) holds the model in that folder. */
    private static Path modelFolder(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> all = children.toList();
            if (all.size() == 1 && Files.isDirectory(all.get(0))
                    && !all.get(0).getFileName().toString().matches("[0-9]+")) {
                return all.get(0);
            }
        }
        return dir;
    }

    /** SHA-256 of every file below {@code dir}, by relative path ('/'-separated). */
    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            MessageDigest md = digest();
            try (InputStream in = Files.newInputStream(f)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0;) {
                    md.update(buf, 0, n);
                }
            }
            out.put(dir.relativize(f).toString().replace('\\', '/'), hex(md.digest()));
        }
        return out;
    }

    static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("cannot delete %s: %s", dir, e.getMessage());
        }
    }
}
