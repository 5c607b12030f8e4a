package dev.augur.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecureDefaultsTest {
    private static final List<String> PROD = List.of("prod");

    @Test
    void openOnLoopbackSaysSoInItsBanner() {
        String line = SecureDefaults.decide(false, "", Optional.empty(), "127.0.0.1", PROD);
        assertTrue(line.startsWith("security: OPEN on loopback (127.0.0.1)"), line);
    }

    @Test
    void localhostIsLoopback() {
        assertTrue(SecureDefaults.loopback("localhost"));
    }

    @Test
    void ipv6LoopbackIsLoopback() {
        assertTrue(SecureDefaults.loopback("[::1]"));
    }

    @Test
    void openOnAllAddressesRefusesToStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecureDefaults.decide(false, "", Optional.empty(), "0.0.0.0", PROD));
        assertTrue(e.getMessage().startsWith("refusing to start an open gateway: quarkus.http.host=0.0.0.0 (not "
                + "loopback) with no authentication configured"), e.getMessage());
    }

    @Test
    void openInTheClusterProfileRefusesToStartEvenOnLoopback() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecureDefaults.decide(false, "", Optional.empty(), "127.0.0.1", List.of("cluster")));
        assertTrue(e.getMessage().contains("the cluster profile"), e.getMessage());
    }

    @Test
    void explicitlyOffStartsAndSaysOff() {
        String line = SecureDefaults.decide(false, "", Optional.of(false), "0.0.0.0", List.of("cluster"));
        assertTrue(line.startsWith("security: OFF (augur.gateway.security.enabled=false)"), line);
    }

    @Test
    void onSaysWhichMechanisms() {
        assertEquals("security: ON (API keys and JWT): every endpoint but /q/health needs a credential",
                SecureDefaults.decide(true, "API keys and JWT", Optional.empty(), "0.0.0.0", PROD));
    }
}
