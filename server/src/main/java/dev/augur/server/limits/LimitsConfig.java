package dev.augur.server.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The per-request limits every service applies before a request reaches a route, the same on the gateway and the
 * components, so a request the gateway accepts is never refused by the component it is forwarded to.
 */
@ConfigMapping(prefix = "augur.server.limits")
public interface LimitsConfig {
    /**
     * The largest header list of one request, in bytes counted as HTTP/2 does (name + value + 32 per header, the
     * request line's method, path and authority included). Larger: 431 with the JSON error over REST, a
     * RESOURCE_EXHAUSTED status for that gRPC call only. Must stay below {@code quarkus.http.limits.max-header-list-size}
     * (and {@code max-header-size} for HTTP/1.1): past those the HTTP codec refuses first, and past 1.25 times the
     * HTTP/2 one it closes the whole connection.
     */
    @WithDefault("16384")
    int maxHeaderListSize();

    /** The most headers one request may carry (Envoy's default); more is answered as a too-large header list. */
    @WithDefault("100")
    int maxHeaderCount();

    /**
     * How long a request may take to arrive in full once its headers are in (its body, for a POST). A client that
     * sends part of a body and stops gets 408 (gRPC: DEADLINE_EXCEEDED) and its stream or connection is closed. A
     * connection that stops sending before its headers are complete is closed by {@link #headerReadTimeout()}.
     */
    @WithDefault("60s")
    Duration requestReadTimeout();

    /**
     * How long a request's headers may take to arrive in full, from its first byte: a connection that stalls in its
     * headers (slowloris) is then closed, long before {@code quarkus.http.idle-timeout} would. Over HTTP/1.1 for every
     * request of a connection, over HTTP/2 for the preface and the first request ({@code HeaderReadTimeout}). 0 turns
     * it off.
     */
    @WithDefault("10s")
    Duration headerReadTimeout();
}
