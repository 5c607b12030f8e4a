package dev.augur.gateway.security;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * JWT bearer tokens, verified by smallrye-jwt's parser (the library alone, see gateway/pom.xml) against the JWKS: signature,
 * {@code exp}/{@code nbf}/{@code iat} with the clock skew, issuer and audience. A verified token is remembered until it
 * expires, so a client that reuses its token pays for one signature check, not one per call. A JWKS file that changes
 * gets a new parser (and an empty cache); an http(s) JWKS is refreshed by smallrye-jwt itself.
 */
// The algorithm enums smallrye-jwt looks up by name, registered as the quarkus-smallrye-jwt extension did (native images).
@RegisterForReflection(targets = {SignatureAlgorithm.class, KeyEncryptionAlgorithm.class}, methods = true, fields = true)
final class JwtVerifier {
    private static final Logger LOG = Logger.getLogger(JwtVerifier.class);

    private final SecurityConfig.Jwt config;
    private final Path jwksFile;
    private final Map<String, Principal> verified = new ConcurrentHashMap<>();
    private volatile DefaultJWTParser parser;
    private byte[] lastJwks;

    JwtVerifier(SecurityConfig.Jwt config) {
        this.config = config;
        String jwks = config.jwks().orElseThrow();
        this.jwksFile = jwks.startsWith("http://") || jwks.startsWith("https://") ? null
                : Path.of(jwks.startsWith("file:") ? jwks.substring(5) : jwks);
        if (jwksFile != null) {
            try {
                lastJwks = Files.readAllBytes(jwksFile);
            } catch (IOException e) {
                throw new IllegalStateException("augur.gateway.security.jwt.jwks: cannot read " + jwksFile + " ("
                        + e.getMessage() + ")", e);
            }
        }
        this.parser = newParser();
    }

    private DefaultJWTParser newParser() {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyLocation(jwksFile == null ? config.jwks().get() : jwksFile.toUri().toString());
        config.issuer().ifPresent(info::setIssuedBy);
        config.audience().ifPresent(a -> info.setExpectedAudience(new HashSet<>(a)));
        info.setClockSkew((int) config.clockSkew().toSeconds());
        info.setExpGracePeriodSecs((int) config.clockSkew().toSeconds());
        return new DefaultJWTParser(info);
    }

    /** Forgets every verified token: the roles they were given may have changed. */
    void forget() {
        verified.clear();
    }

    /** Re-reads a JWKS file whose content changed (called every {@code reload-interval}). */
    void check() {
        if (jwksFile == null) {
            return;
        }
        try {
            byte[] content = Files.readAllBytes(jwksFile);
            if (!Arrays.equals(content, lastJwks)) {
                lastJwks = content;
                parser = newParser();
                verified.clear();
                LOG.infof("JWKS %s reloaded", jwksFile);
            }
        } catch (IOException e) {
            // Mid-swap of a Secret mount: try again next time.
        }
    }

    Principal verify(String token, Policy policy) {
        Principal known = verified.get(token);
        long now = System.currentTimeMillis();
        if (known != null) {
            if (now < known.expiresAtMillis()) {
                return known;
            }
            verified.remove(token);
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw Denial.unauthenticated(message(e), "JWT rejected: " + message(e) + " (" + reasonOf(e) + ")");
        }
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        Policy.Role role = policy.combine(roles(jwt));
        long expires = jwt.getExpirationTime() > 0
                ? (jwt.getExpirationTime() + config.clockSkew().toSeconds()) * 1000 : Long.MAX_VALUE;
        Principal p = new Principal("jwt:" + subject, "jwt", role.grant(), role.quota(), expires);
        if (verified.size() >= config.cacheSize()) {
            verified.clear();
        }
        verified.put(token, p);
        return p;
    }

    private List<String> roles(JsonWebToken jwt) {
        Object claim = jwt.getClaim(config.rolesClaim());
        List<String> out = new ArrayList<>();
        if (claim instanceof JsonArray a) {
            for (JsonValue v : a) {
                if (v instanceof JsonString s) {
                    out.add(s.getString());
                }
            }
        } else if (claim instanceof java.util.Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim instanceof JsonString s) {
            out.addAll(List.of(s.getString().split("[ ,]+")));
        } else if (claim instanceof String s) {
            // OAuth's "scope" is one space-separated string.
            out.addAll(List.of(s.split("[ ,]+")));
        }
        return out;
    }

    /** What the client is told: which check failed, never the token's content. */
    private static String message(ParseException e) {
        InvalidJwtException invalid = invalid(e);
        if (invalid != null) {
            if (invalid.hasExpired()) {
                return "the bearer token has expired";
            }
            if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                return "the bearer token is not meant for this gateway (audience)";
            }
            if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                return "the bearer token's issuer is not accepted";
            }
            if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                return "the bearer token's signature does not verify";
            }
            if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
                return "the bearer token is not valid yet";
            }
        }
        return "the bearer token is not valid";
    }

    private static String reasonOf(ParseException e) {
        InvalidJwtException invalid = invalid(e);
        if (invalid == null) {
            return e.getClass().getSimpleName();
        }
        StringBuilder b = new StringBuilder("jose4j codes");
        invalid.getErrorDetails().forEach(d -> b.append(' ').append(d.getErrorCode()));
        return b.toString();
    }

    private static InvalidJwtException invalid(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidJwtException i) {
                return i;
            }
        }
        return null;
    }
}
