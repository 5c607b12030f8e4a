package dev.augur.supervisor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

/**
 * Local mode's storage initializer: turns a {@code storageUri} into a model repository for one revision, a folder
 * with one sub-folder named after the InferenceService (the model name clients use) that links to the model.
 * Links, not copies, so a start costs nothing; a copy only where links cannot be made.
 */
final class ModelStaging {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    private ModelStaging() {
    }

    /**
     * The local file or folder a {@code storageUri} names: {@code file://} URIs and plain paths, relative ones
     * against the services folder (where the YAML that names them lives).
     */
    static Path resolve(String storageUri, Path servicesDir) throws IOException {
        if (storageUri == null || storageUri.isBlank()) {
            throw new IOException("the predictor has no storageUri");
        }
        String path;
        if (storageUri.startsWith("file://")) {
            path = storageUri.substring("file://".length());
        } else if (SCHEME.matcher(storageUri).matches()) {
            throw new IOException("storageUri " + storageUri + " cannot be served in local mode; use a file:// URI"
                    + " or a path");
        } else {
            path = storageUri;
        }
        Path p = Path.of(path);
        Path resolved = (p.isAbsolute() ? p : servicesDir.resolve(p)).toAbsolutePath().normalize();
        if (!Files.exists(resolved)) {
            throw new IOException("storageUri " + storageUri + " names " + resolved + ", which does not exist");
        }
        return resolved;
    }

    /** Makes {@code <revisionDir>/models/<modelName>} point at the model and returns the repository folder. */
    static Path stage(Path revisionDir, String modelName, Path model) throws IOException {
        Path repository = revisionDir.resolve("models");
        deleteTree(repository);
        Files.createDirectories(repository);
        add(repository, modelName, model);
        return repository;
    }

    /** Adds {@code <repository>/<modelName>} pointing at the model to an existing repository (a standby's). */
    static void add(Path repository, String modelName, Path model) throws IOException {
        Path target = repository.resolve(modelName);
        if (Files.isDirectory(model)) {
            link(target, model);
        } else {
            // A single model file: the predictor takes a model folder holding the file itself.
            Files.createDirectories(target);
            link(target.resolve(model.getFileName()), model);
        }
    }

    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            copyTree(target, link);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a folder without following links out of it (a link to a model must never delete the model). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
