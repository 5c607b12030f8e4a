package dev.augur.gateway.e2e;

import dev.augur.catalog.ComponentCredentials;
import dev.augur.protocol.core.InternalToken;
import io.grpc.Metadata;
import io.quarkus.arc.Arc;

/**
 * This run's internal token, which the components the gateway starts require: what a test needs to call a
 * component directly (as only the gateway may).
 */
final class RunToken {
    private RunToken() {
    }

    static String value() {
        return Arc.container().instance(ComponentCredentials.class).get().internalToken().orElseThrow();
    }

    /** The token as gRPC metadata. */
    static Metadata metadata() {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of(InternalToken.HEADER, Metadata.ASCII_STRING_MARSHALLER), value());
        return m;
    }
}
