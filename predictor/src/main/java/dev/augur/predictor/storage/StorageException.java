package dev.augur.predictor.storage;

import java.io.IOException;

/** A model location that cannot be fetched; the message names the location and what went wrong. */
public class StorageException extends IOException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
