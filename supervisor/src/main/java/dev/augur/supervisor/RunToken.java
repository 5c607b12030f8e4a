package dev.augur.supervisor;

import dev.augur.catalog.ComponentCredentials;
import dev.augur.protocol.core.InternalToken;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The internal token of this run of the gateway: made at start, never written to disk or logged, handed to every
 * component process in its environment ({@value InternalToken#ENV}) and sent by the gateway on every call to them.
 * A process of another run, or anything else on the machine that finds a component's loopback port, is refused.
 */
@ApplicationScoped
public class RunToken implements ComponentCredentials {
    private final String token = InternalToken.generate();

    @Override
    public Optional<String> internalToken() {
        return Optional.of(token);
    }

    String value() {
        return token;
    }
}
