package dev.augur.predictor.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/** {@code file://} URIs and plain paths: a folder is used where it is; a file is copied into the cache. */
final class LocalStorage implements Storage {

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public void download(URI uri, Path target) throws IOException {
        Path source = Path.of(uri);
        if (!Files.exists(source)) {
            throw new StorageException("no such file or folder " + source);
        }
        if (Files.isDirectory(source)) {
            throw new StorageException(source + " is a folder; folders are used in place");
        }
        try {
            Files.copy(source, target.resolve(source.getFileName().toString()));
        } catch (NoSuchFileException e) {
            throw new StorageException("no such file " + source, e);
        }
    }
}
