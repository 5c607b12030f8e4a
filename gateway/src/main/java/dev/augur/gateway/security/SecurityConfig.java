package dev.augur.gateway.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Authentication, authorization and quotas at the gateway ({@code augur.gateway.security.*}). */
@ConfigMapping(prefix = "augur.gateway.security")
public interface SecurityConfig {

    /**
     * Whether requests need a credential. Unset: on as soon as a keys file or a JWKS is configured; off otherwise,
     * which only a loopback bind outside the cluster profile accepts (see {@link SecureDefaults}). {@code false}
     * turns it off explicitly, anywhere.
     */
    Optional<Boolean> enabled();

    /**
     * The API keys and roles (YAML: {@code keys:} with id, sha256, verbs, services, rate, burst, concurrency, roles;
     * {@code roles:} by name). Keys are stored only as SHA-256 hashes. Re-read when it changes, without a restart:
     * what a Kubernetes Secret mount provides.
     */
    Optional<Path> keysFile();

    /** How often the keys file (and a JWKS file) is checked for changes. */
    @WithDefault("2s")
    Duration reloadInterval();

    /** JWT bearer tokens. */
    Jwt jwt();

    interface Jwt {
        /** The JWKS that signs the tokens: a file path or an http(s) URL. Unset: JWTs are not accepted. */
        Optional<String> jwks();

        /** The required {@code iss}. Unset: any issuer. */
        Optional<String> issuer();

        /** Accepted {@code aud} values (one must match). Unset: the audience is not checked. */
        Optional<List<String>> audience();

        /** Tolerance on {@code exp}, {@code nbf} and {@code iat}. */
        @WithDefault("30s")
        Duration clockSkew();

        /** The claim whose values name roles of the keys file (MicroProfile JWT's {@code groups}). */
        @WithDefault("groups")
        String rolesClaim();

        /** How many verified tokens are remembered (until their expiry) so a token is verified once, not per call. */
        @WithDefault("10000")
        int cacheSize();
    }
}
