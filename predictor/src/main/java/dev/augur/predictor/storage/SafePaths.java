package dev.augur.predictor.storage;

import java.nio.file.Path;

/** Resolves names from archives and object stores below a folder, refusing any that would land outside it. */
final class SafePaths {
    private SafePaths() {
    }

    /**
     * The file {@code name} (a '/'-separated relative path) below {@code root}. Absolute names, drive letters,
     * backslashes and {@code ..} segments are refused (zip-slip), so nothing is ever written outside the root.
     */
    static Path resolve(Path root, String name) throws StorageException {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")
                || name.indexOf('\0') >= 0) {
            throw new StorageException("unsafe entry '" + name + "': absolute or malformed path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new StorageException("unsafe entry '" + name + "': it would be written outside the model folder");
            }
        }
        Path base = root.toAbsolutePath().normalize();
        Path out = base.resolve(name).normalize();
        if (!out.startsWith(base) || out.equals(base)) {
            throw new StorageException("unsafe entry '" + name + "': it would be written outside the model folder");
        }
        return out;
    }
}
