package dev.augur.predictor.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache around the storage schemes: fetch once, verify, unpack safely, publish atomically. */
class ModelStorageTest {
    private static final byte[] MODEL = "pretend this is ONNX".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private Path cache;
    private final Map<String, byte[]> objects = new HashMap<>();
    private final AtomicInteger downloads = new AtomicInteger();
    private ModelStorage storage;

    /** A "mem" scheme serving {@link #objects} by path, counting downloads. */
    @BeforeEach
    void setUp() {
        cache = tmp.resolve("cache");
        Storage mem = new Storage() {
            @Override
            public Set<String> schemes() {
                return Set.of("mem");
            }

            @Override
            public void download(URI uri, Path target) throws IOException {
                downloads.incrementAndGet();
                byte[] b = objects.get(uri.getPath());
                if (b == null) {
                    throw new StorageException("not found");
                }
                Files.write(target.resolve(uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1)), b);
            }
        };
        storage = new ModelStorage(cache, List.of(new LocalStorage(), mem));
        objects.put("/model.onnx", MODEL);
    }

    private static String sha256(byte[] b) {
        return ModelStorage.hex(ModelStorage.sha256(b));
    }

    private static Map<String, byte[]> files(Object... nameAndContent) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            m.put((String) nameAndContent[i], ((String) nameAndContent[i + 1]).getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void fetchesASingleFileIntoTheCache() throws IOException {
        Path dir = storage.fetch("mem://host/model.onnx", tmp);
        assertTrue(dir.startsWith(cache));
        assertEquals("pretend this is ONNX", Files.readString(dir.resolve("model.onnx")));
    }

    @Test
    void secondFetchOfTheSameUriUsesTheCache() throws IOException {
        Path first = storage.fetch("mem://host/model.onnx", tmp);
        Path second = storage.fetch("mem://host/model.onnx", tmp);
        assertEquals(first, second);
        assertEquals(1, downloads.get());
    }

    @Test
    void manifestRecordsTheSha256OfWhatWasDownloaded() throws IOException {
        Path dir = storage.fetch("mem://host/model.onnx", tmp);
        String manifest = Files.readString(dir.getParent().resolve(ModelStorage.MANIFEST));
        assertTrue(manifest.contains(sha256(MODEL) + "  model.onnx"), manifest);
    }

    @Test
    void matchingChecksumIsAccepted() throws IOException {
        Path dir = storage.fetch("mem://host/model.onnx#sha256=" + sha256(MODEL).toUpperCase(), tmp);
        assertTrue(Files.isRegularFile(dir.resolve("model.onnx")));
    }

    @Test
    void checksumMismatchFailsAndCachesNothing() throws IOException {
        String wrong = "0".repeat(64);
        StorageException e = assertThrows(StorageException.class,
                () -> storage.fetch("mem://host/model.onnx#sha256=" + wrong, tmp));
        assertEquals("mem://host/model.onnx: checksum mismatch: expected sha256 " + wrong + ", got " + sha256(MODEL),
                e.getMessage());
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(0, left.count(), "no cache entry and no temporary folder is left");
        }
    }

    @Test
    void malformedChecksumFragmentIsRefused() {
        StorageException e = assertThrows(StorageException.class,
                () -> storage.fetch("mem://host/model.onnx#md5=abc", tmp));
        assertTrue(e.getMessage().contains("expected #sha256=<64 hex digits>"), e.getMessage());
    }

    @Test
    void failedDownloadNamesTheUriAndTheReason() {
        StorageException e = assertThrows(StorageException.class, () -> storage.fetch("mem://host/none.onnx", tmp));
        assertEquals("mem://host/none.onnx: not found", e.getMessage());
    }

    @Test
    void unsupportedSchemeIsRefused() {
        StorageException e = assertThrows(StorageException.class, () -> storage.fetch("ftp://host/m.onnx", tmp));
        assertEquals("ftp://host/m.onnx: unsupported scheme 'ftp'; supported: [file, mem]", e.getMessage());
    }

    @Test
    void userInfoAndQueryAreNotShownInReasons() {
        StorageException e = assertThrows(StorageException.class,
                () -> storage.fetch("mem://user:secret@host/none.onnx?X-Amz-Signature=abc", tmp));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertFalse(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void tarGzIsUnpacked() throws IOException {
        objects.put("/m.tar.gz", TestArchives.tarGz(files("1/model.onnx", "a", "2/model.onnx", "b")));
        Path dir = storage.fetch("mem://host/m.tar.gz", tmp);
        assertEquals("a", Files.readString(dir.resolve("1/model.onnx")));
        assertEquals("b", Files.readString(dir.resolve("2/model.onnx")));
        assertFalse(Files.exists(dir.resolve("m.tar.gz")), "the archive itself is not kept");
    }

    @Test
    void zipIsUnpacked() throws IOException {
        objects.put("/m.zip", TestArchives.zip(files("1/model.onnx", "a")));
        assertEquals("a", Files.readString(storage.fetch("mem://host/m.zip", tmp).resolve("1/model.onnx")));
    }

    @Test
    void archiveWithOneTopFolderServesThatFolder() throws IOException {
        objects.put("/m.tgz", TestArchives.tarGz(files("iris/1/model.onnx", "a")));
        Path dir = storage.fetch("mem://host/m.tgz", tmp);
        assertEquals("iris", dir.getFileName().toString());
        assertEquals("a", Files.readString(dir.resolve("1/model.onnx")));
    }

    @Test
    void zipSlipEntryIsRefused() {
        objects.put("/evil.zip", TestArchives.zip(files("../../evil.onnx", "x")));
        StorageException e = assertThrows(StorageException.class, () -> storage.fetch("mem://host/evil.zip", tmp));
        assertTrue(e.getMessage().contains("unsafe entry '../../evil.onnx'"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("../evil.onnx")));
        assertFalse(Files.exists(tmp.resolve("evil.onnx")));
    }

    @Test
    void tarEntryWithParentSegmentIsRefused() {
        objects.put("/evil.tar.gz", TestArchives.tarGz(files("1/../../x.onnx", "x")));
        StorageException e = assertThrows(StorageException.class,
                () -> storage.fetch("mem://host/evil.tar.gz", tmp));
        assertTrue(e.getMessage().contains("unsafe entry"), e.getMessage());
    }

    @Test
    void absoluteEntryIsRefused() {
        objects.put("/abs.zip", TestArchives.zip(files("/tmp/abs.onnx", "x")));
        StorageException e = assertThrows(StorageException.class, () -> storage.fetch("mem://host/abs.zip", tmp));
        assertTrue(e.getMessage().contains("unsafe entry '/tmp/abs.onnx'"), e.getMessage());
    }

    @Test
    void symbolicLinkInTarIsRefused() {
        objects.put("/link.tar.gz", TestArchives.tarGzWithSymlink("model.onnx", "/etc/passwd"));
        StorageException e = assertThrows(StorageException.class,
                () -> storage.fetch("mem://host/link.tar.gz", tmp));
        assertTrue(e.getMessage().contains("links are not unpacked"), e.getMessage());
    }

    @Test
    void corruptArchiveIsRefused() {
        objects.put("/bad.tar.gz", "not gzip at all".getBytes(StandardCharsets.UTF_8));
        StorageException e = assertThrows(StorageException.class, () -> storage.fetch("mem://host/bad.tar.gz", tmp));
        assertTrue(e.getMessage().startsWith("mem://host/bad.tar.gz: corrupt archive bad.tar.gz"), e.getMessage());
    }

    @Test
    void corruptZipIsRefused() {
        objects.put("/bad.zip", "PK not really".getBytes(StandardCharsets.UTF_8));
        StorageException e = assertThrows(StorageException.class, () -> storage.fetch("mem://host/bad.zip", tmp));
        assertTrue(e.getMessage().startsWith("mem://host/bad.zip: corrupt archive bad.zip"), e.getMessage());
    }

    @Test
    void localFolderIsUsedInPlace() throws IOException {
        Path shared = Files.createDirectories(tmp.resolve("shared/iris"));
        assertEquals(shared, storage.fetch("../../shared/iris", tmp.resolve("repo/m")));
        assertEquals(shared, storage.fetch(shared.toUri().toString(), tmp));
    }

    @Test
    void localArchiveIsUnpackedIntoTheCache() throws IOException {
        Path archive = tmp.resolve("m.zip");
        Files.write(archive, TestArchives.zip(files("1/model.onnx", "a")));
        Path dir = storage.fetch(archive.toUri().toString(), tmp);
        assertTrue(dir.startsWith(cache));
        assertEquals("a", Files.readString(dir.resolve("1/model.onnx")));
    }

    @Test
    void missingLocalPathIsRefused() {
        StorageException e = assertThrows(StorageException.class, () -> storage.fetch("nowhere/m.onnx", tmp));
        assertTrue(e.getMessage().contains("no such file or folder"), e.getMessage());
    }
}
