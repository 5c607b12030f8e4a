package dev.augur.predictor.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks {@code .tar.gz}, {@code .tgz}, {@code .tar} and {@code .zip} archives into a folder. Entries that would
 * land outside it (zip-slip: {@code ../x}, absolute paths) and links are refused; an archive that cannot be read
 * or holds no file is an error.
 */
final class Archives {
    private Archives() {
    }

    /** True when the file name says it is an archive this class unpacks. */
    static boolean isArchive(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar") || n.endsWith(".zip");
    }

    /** Unpacks {@code archive} into {@code target}; returns the number of files written. */
    static int unpack(Path archive, Path target) throws StorageException {
        String n = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        int files;
        try {
            files = n.endsWith(".zip") ? unzip(archive, target) : untar(archive, target, !n.endsWith(".tar"));
        } catch (StorageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new StorageException("corrupt archive " + archive.getFileName() + ": " + describe(e), e);
        }
        if (files == 0) {
            throw new StorageException("corrupt or empty archive " + archive.getFileName() + ": it holds no file");
        }
        return files;
    }

    private static int unzip(Path archive, Path target) throws IOException {
        int files = 0;
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                Path out = SafePaths.resolve(target, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, out);
                }
                files++;
            }
        }
        return files;
    }

    private static int untar(Path archive, Path target, boolean gzipped) throws IOException {
        int files = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                InputStream in = gzipped ? new GZIPInputStream(raw) : raw;
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                if (name.startsWith("./")) {
                    name = name.substring(2);
                }
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                if (e.isSymbolicLink() || e.isLink()) {
                    throw new StorageException("unsafe entry '" + name + "': links are not unpacked");
                }
                Path out = SafePaths.resolve(target, name);
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                    files++;
                }
                // Devices, FIFOs and other special entries are skipped.
            }
        }
        return files;
    }

    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
