package dev.augur.server.limits;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Refuses a request whose headers are too large or too many, for that request only (checked by
 * {@link RequestLimits}): 431 with the JSON error, or RESOURCE_EXHAUSTED for a gRPC call, while the other streams of
 * an HTTP/2 connection go on. The HTTP codec's own limits are set higher (server's
 * {@code META-INF/microprofile-config.properties}): at its HTTP/2 limit a request gets an empty 431, and past 1.25
 * times it Netty closes the connection with GOAWAY, failing every call on it (a 16 KB {@code x-request-id} or gRPC
 * metadata did that with the 8 KiB default).
 */
@Singleton
public class HeaderLimit {
    /**
     * Where the check runs among the filters: first ({@link RequestLimits} runs it at this priority plus 10), ahead of
     * every other filter (the internal-token check 1000, BodyLimit 100; the gateway runs its checks inside it,
     * {@link EdgeChecks}). Filters that must follow it use less.
     */
    public static final int PRIORITY = 1000;
    /** RFC 7540 6.5.2: a header's size is its name and value in octets plus 32. */
    private static final int OVERHEAD = 32;

    private final int maxSize;
    private final int maxCount;

    public HeaderLimit(LimitsConfig config) {
        this.maxSize = config.maxHeaderListSize();
        this.maxCount = config.maxHeaderCount();
    }

    /** Why the request's headers are refused, or null. */
    String check(HttpServerRequest r) {
        int count = 0;
        // The request line as HTTP/2's pseudo-headers (HTTP/1.1's Host is among the headers below).
        long size = r.uri().length() + r.method().name().length() + 2L * OVERHEAD;
        for (Map.Entry<String, String> h : r.headers()) {
            count++;
            size += h.getKey().length() + h.getValue().length() + OVERHEAD;
        }
        if (count > maxCount) {
            return "the request has " + count + " headers, more than the limit of " + maxCount
                    + " (augur.server.limits.max-header-count)";
        }
        if (size > maxSize) {
            return "the request headers are " + size + " bytes, larger than the limit of " + maxSize
                    + " bytes (augur.server.limits.max-header-list-size)" + largest(r);
        }
        return null;
    }

    /** Names the largest header, so a client can tell which of its headers to shorten. */
    private static String largest(HttpServerRequest r) {
        String name = null;
        int max = -1;
        for (Map.Entry<String, String> h : r.headers()) {
            int s = h.getKey().length() + h.getValue().length();
            if (s > max) {
                max = s;
                name = h.getKey();
            }
        }
        return name == null ? "" : "; the largest is '" + name + "' (" + max + " bytes)";
    }
}
