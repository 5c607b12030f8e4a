package dev.augur.gateway.security;

import dev.augur.catalog.ComponentCredentials;
import dev.augur.gateway.client.ComponentClients;
import dev.augur.protocol.core.InternalToken;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns an {@code Authorization} header into a {@link Principal}, or refuses it (401). {@code Bearer <key>} is looked
 * up by its SHA-256 in the keys file; a token shaped like a JWT (three dot-separated parts) is verified as one when a
 * JWKS is configured. In local mode the run's internal token also passes, as this gateway's own component (a
 * transformer or explainer calling its predictor back with no client credential to forward): it may infer and
 * explain on every service, outside any key's quota (the client's request was counted when it came in).
 */
@ApplicationScoped
public class Authenticator {
    static final String NEEDS = "send 'Authorization: Bearer <API key or JWT>'";
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** The caller that presents the run's internal token: one of this gateway's own components. */
    static final Principal COMPONENT = new Principal("component", "component",
            Grant.of(EnumSet.of(Verb.INFER, Verb.EXPLAIN), List.of("*")), Quota.NONE, Long.MAX_VALUE);

    private final boolean enabled;
    private final KeyStore keys;
    private final JwtVerifier jwt;
    private final ScheduledExecutorService reload;
    private final String internalToken;
    /** Credentials looked at: one per request since the filter carries its caller on (a test reads it). */
    private final LongAdder verifications = new LongAdder();

    public Authenticator(SecurityConfig config, Instance<ComponentCredentials> credentials) {
        this.internalToken = ComponentClients.internalToken(credentials);
        this.jwt = config.jwt().jwks().isPresent() ? new JwtVerifier(config.jwt()) : null;
        this.keys = config.keysFile().map(f -> new KeyStore(f, this::keysChanged)).orElse(null);
        this.enabled = config.enabled().orElse(keys != null || jwt != null);
        if (enabled && keys == null && jwt == null) {
            throw new IllegalStateException("augur.gateway.security.enabled=true, but no credential can pass: set "
                    + "augur.gateway.security.keys-file and/or augur.gateway.security.jwt.jwks");
        }
        if (keys != null) {
            keys.start();
        }
        if (enabled && (keys != null || jwt != null)) {
            reload = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "augur-security-reload");
                t.setDaemon(true);
                return t;
            });
            long ms = config.reloadInterval().toMillis();
            reload.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            reload = null;
        }
    }

    /** How many times a credential was verified (or refused) since start: once per request at most. */
    public long verifications() {
        return verifications.sum();
    }

    /** Whether requests need a credential. */
    public boolean enabled() {
        return enabled;
    }

    /** Which mechanisms are on, for the start-up line. */
    String mechanisms() {
        return (keys != null ? "API keys" : "") + (keys != null && jwt != null ? " and " : "")
                + (jwt != null ? "JWT" : "");
    }

    private void check() {
        if (keys != null) {
            keys.check();
        }
        if (jwt != null) {
            jwt.check();
        }
    }

    private void keysChanged() {
        if (jwt != null) {
            jwt.forget();
        }
    }

    void stop(@Observes ShutdownEvent e) {
        if (reload != null) {
            reload.shutdownNow();
        }
    }

    /** The caller the header names; a {@link Denial} (401) when there is none or it does not verify. */
    public Principal authenticate(String authorization) {
        verifications.increment();
        if (authorization == null || authorization.isBlank()) {
            throw Denial.unauthenticated("a credential is needed: " + NEEDS, "no credential");
        }
        if (authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Denial.unauthenticated("the Authorization header is not a bearer credential: " + NEEDS,
                    "not a bearer credential");
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty()) {
            throw Denial.unauthenticated("the bearer credential is empty: " + NEEDS, "empty bearer credential");
        }
        if (InternalToken.matches(internalToken, token)) {
            return COMPONENT;
        }
        if (jwt != null && looksLikeJwt(token)) {
            return jwt.verify(token, keys == null ? Policy.EMPTY : keys.policy());
        }
        Principal p = keys == null ? null : keys.policy().keysByHash().get(sha256(token));
        if (p == null) {
            throw Denial.unauthenticated("the API key is not valid", "unknown API key");
        }
        return p;
    }

    /** A compact JWS: three parts separated by dots (API keys hold none). */
    static boolean looksLikeJwt(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        return dots == 2;
    }

    /** Hex SHA-256 of a key, as the keys file stores it. */
    public static String sha256(String key) {
        MessageDigest d = SHA256.get();
        return HexFormat.of().formatHex(d.digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
