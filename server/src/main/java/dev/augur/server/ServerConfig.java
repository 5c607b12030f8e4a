package dev.augur.server;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What differs between the services that share this module's transports. */
@ConfigMapping(prefix = "augur.server")
public interface ServerConfig {
    /**
     * How the 413 of {@code rest.BodyLimit} names the limit, in "request body is larger than <b>the limit</b> of N
     * bytes": the gateway says "the gateway's limit", so a client can tell which hop refused.
     */
    @WithDefault("the limit")
    String bodyLimitName();
}
