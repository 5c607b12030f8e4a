package dev.augur.gateway.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Says at start whether the gateway asks for credentials, and refuses to start open where strangers can reach it:
 * bound to a non-loopback address ({@code quarkus.http.host}) or in the cluster profile, without a keys file or a
 * JWKS, unless {@code augur.gateway.security.enabled=false} says so on purpose. {@code ./augur up} binds loopback.
 */
@ApplicationScoped
public class SecureDefaults {
    private static final Logger LOG = Logger.getLogger("augur.security");

    private final Authenticator authenticator;
    private final SecurityConfig config;
    private final String host;

    public SecureDefaults(Authenticator authenticator, SecurityConfig config,
            @ConfigProperty(name = "quarkus.http.host") String host) {
        this.authenticator = authenticator;
        this.config = config;
        this.host = host;
    }

    void start(@Observes StartupEvent e) {
        String line = decide(authenticator.enabled(), authenticator.mechanisms(), config.enabled(), host,
                ConfigUtils.getProfiles());
        if (authenticator.enabled()) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
    }

    /**
     * The start-up line, or an {@link IllegalStateException} (the start fails with its message) when the gateway
     * would be open to more than this machine without anyone having said so.
     */
    static String decide(boolean enabled, String mechanisms, Optional<Boolean> explicit, String host,
            List<String> profiles) {
        if (enabled) {
            return "security: ON (" + mechanisms + "): every endpoint but /q/health needs a credential";
        }
        if (explicit.isPresent()) {
            return "security: OFF (augur.gateway.security.enabled=false): every endpoint on " + host
                    + " answers without a credential";
        }
        boolean cluster = profiles.contains("cluster");
        if (cluster || !loopback(host)) {
            throw new IllegalStateException("refusing to start an open gateway: "
                    + (cluster ? "the cluster profile" : "quarkus.http.host=" + host + " (not loopback)")
                    + " with no authentication configured. Set augur.gateway.security.keys-file (API keys) and/or "
                    + "augur.gateway.security.jwt.jwks (JWT), or set augur.gateway.security.enabled=false to run "
                    + "open on purpose");
        }
        return "security: OPEN on loopback (" + host + "): no credential needed, reachable from this machine only; "
                + "set augur.gateway.security.keys-file or augur.gateway.security.jwt.jwks before exposing it";
    }

    static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equals("localhost")) {
            return true;
        }
        // Literal addresses only: a name other than localhost is not resolved (that could reach a DNS server).
        if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
