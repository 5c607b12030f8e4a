package dev.augur.protocol.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The credential a component checks on every call in local mode: a random token the supervisor makes for one run of
 * the gateway and hands to each component it starts ({@code AUGUR_SERVER_INTERNAL_TOKEN}), sent by the component
 * client in its own header ({@link #HEADER}). It never travels in {@code authorization}, which carries the client's
 * own credential unchanged from hop to hop.
 */
public final class InternalToken {
    /** The request header (REST) or metadata key (gRPC) that carries it. */
    public static final String HEADER = "x-augur-internal-token";
    /** The environment variable a component reads it from ({@code augur.server.internal-token}). */
    public static final String ENV = "AUGUR_SERVER_INTERNAL_TOKEN";

    private static final SecureRandom RANDOM = new SecureRandom();

    private InternalToken() {
    }

    /** A new token: 256 random bits, URL-safe base64 (43 characters, valid in an HTTP header). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether {@code presented} is {@code expected}, in time that does not depend on where they differ (a caller
     * cannot guess the token a character at a time by timing refusals). A missing value never matches.
     */
    public static boolean matches(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
