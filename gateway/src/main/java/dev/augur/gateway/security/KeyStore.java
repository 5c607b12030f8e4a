package dev.augur.gateway.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * The keys file, re-read when its content changes (checked every {@code reload-interval}): rotating a key is rewriting
 * the file (or updating the Kubernetes Secret behind it), no restart. A file that turns invalid is logged and the last
 * good one stays in force; one that is invalid at start stops the start.
 */
final class KeyStore {
    private static final Logger LOG = Logger.getLogger(KeyStore.class);

    private final Path file;
    private final Runnable onChange;
    private volatile Policy policy = Policy.EMPTY;
    private byte[] lastContent;

    KeyStore(Path file, Runnable onChange) {
        this.file = file;
        this.onChange = onChange;
    }

    Policy policy() {
        return policy;
    }

    /** Reads the file now, failing when it is missing or invalid. */
    void start() {
        try {
            load(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException("augur.gateway.security.keys-file: cannot read " + file + " ("
                    + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("augur.gateway.security.keys-file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Re-reads the file if its content changed (called every {@code reload-interval}). */
    void check() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            // A Secret mount swaps its files through a symlink: a moment without the file is not a change.
            return;
        }
        if (Arrays.equals(content, lastContent)) {
            return;
        }
        try {
            load(content);
            LOG.infof("keys file %s reloaded: %d keys, %d roles", file, policy.keysByHash().size(),
                    policy.roles().size());
            onChange.run();
        } catch (IOException | IllegalArgumentException e) {
            lastContent = content;
            LOG.errorf("keys file %s is invalid, keeping the previous keys: %s", file, e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf("keys file %s could not be reloaded, keeping the previous keys: %s", file, e.toString());
        }
    }

    private void load(byte[] content) throws IOException {
        Policy p = KeyFile.parse(new String(content, java.nio.charset.StandardCharsets.UTF_8));
        lastContent = content;
        policy = p;
    }
}
