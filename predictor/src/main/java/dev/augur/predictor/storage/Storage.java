package dev.augur.predictor.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * One way of reaching model files: a URI scheme. It copies what a URI names into an empty local folder; the
 * cache around it ({@link ModelStorage}) hashes, verifies, unpacks archives and publishes the folder atomically.
 */
public interface Storage {

    /** URI schemes served, lower case ({@code "file"}, {@code "http"}, {@code "s3"}). */
    Set<String> schemes();

    /**
     * Copies what {@code uri} names into {@code target}, an empty folder: a single object becomes one file named by
     * the URI's last path segment; a prefix (folder) becomes the tree below it, with relative paths preserved.
     *
     * @param uri    the location, without a fragment
     * @param target an existing empty folder
     * @throws IOException with a message saying what went wrong (the caller adds the URI)
     */
    void download(URI uri, Path target) throws IOException;
}
