package dev.augur.catalog;

import java.util.Optional;

/**
 * What the gateway presents to the components it calls, beside the client's own credential. Local mode's supervisor
 * provides one per run (the internal token every component it starts requires); where no bean provides it (the
 * cluster image) the gateway sends none.
 */
public interface ComponentCredentials {

    /** The token for {@code x-augur-internal-token} on every call to a component, if components require one. */
    Optional<String> internalToken();
}
