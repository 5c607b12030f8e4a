package dev.augur.server;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** What differs between the services that share this module's transports. */
@ConfigMapping(prefix = "augur.server")
public interface ServerConfig {
    /**
     * How the 413 of {@code rest.BodyLimit} names the limit, in "request body is larger than <b>the limit</b> of N
     * bytes": the gateway says "the gateway's limit", so a client can tell which hop refused.
     */
    @WithDefault("the limit")
    String bodyLimitName();

    /**
     * The token every call to this service must carry in {@code x-augur-internal-token} (REST and gRPC; the
     * {@code /q/health} probes excepted), or none: the filter ({@code InternalAuth}) is off. Local mode's supervisor
     * sets it for each component it starts ({@code AUGUR_SERVER_INTERNAL_TOKEN}, one random token per gateway run),
     * so only the gateway and that run's components reach them. Never set it on the gateway itself.
     */
    Optional<String> internalToken();
}
