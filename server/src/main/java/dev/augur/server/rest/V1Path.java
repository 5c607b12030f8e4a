package dev.augur.server.rest;

/**
 * A V1 path segment with its verb: {@code iris:predict} is model {@code iris}, verb {@code predict}. The verb
 * follows the last colon (a model name may hold colons; a verb never does); no colon is an empty verb. Clients may
 * percent-encode the colon ({@code iris%3Apredict}, as some HTTP libraries do): KServe's server decodes paths before
 * routing, so {@link #decodeColon} gives the path a router should see.
 */
public record V1Path(String model, String verb) {

    /** Splits a decoded path segment ({@code {target}} of {@code /v1/models/{target}}). */
    public static V1Path parse(String target) {
        int colon = target.lastIndexOf(':');
        return colon < 0 ? new V1Path(target, "") : new V1Path(target.substring(0, colon),
                target.substring(colon + 1));
    }

    /** Whether a raw request path under {@code /v1/models/} carries a percent-encoded colon. */
    public static boolean hasEncodedColon(String rawPath) {
        return rawPath != null && rawPath.startsWith("/v1/models/") && (rawPath.contains("%3A")
                || rawPath.contains("%3a"));
    }

    /** The URI with the colons of its path decoded, its query (if any) kept as sent. */
    public static String decodeColon(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        String rest = query < 0 ? "" : uri.substring(query);
        return path.replace("%3A", ":").replace("%3a", ":") + rest;
    }
}
