package dev.augur.gateway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.gateway.config.KafkaSecurityConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code augur.kafka.security.*} as configuration text, turned into Kafka's own client settings. */
class KafkaSecurityTest {

    private static Map<String, String> settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(KafkaSecurityConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return KafkaSecurity.settings(config.getConfigMapping(KafkaSecurityConfig.class));
    }

    @Test
    void withoutSettingsClientsUsePlaintextAndNoSasl() {
        Map<String, String> s = settings(Map.of());
        assertEquals("PLAINTEXT", s.get("security.protocol"));
        assertFalse(s.containsKey("sasl.jaas.config"));
    }

    @Test
    void scramUserBecomesKafkasScramLoginModuleLine() {
        Map<String, String> s = settings(Map.of("augur.kafka.security.protocol", "SASL_PLAINTEXT",
                "augur.kafka.security.username", "augur-gateway", "augur.kafka.security.password", "s3cret"));
        assertEquals("SASL_PLAINTEXT", s.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", s.get("sasl.mechanism"));
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"augur-gateway\" "
                + "password=\"s3cret\";", s.get("sasl.jaas.config"));
    }

    @Test
    void quotesAndBackslashesInThePasswordAreEscapedForJaas() {
        Map<String, String> s = settings(Map.of("augur.kafka.security.protocol", "SASL_SSL",
                "augur.kafka.security.sasl-mechanism", "SCRAM-SHA-256", "augur.kafka.security.username", "u",
                "augur.kafka.security.password", "a\"b\\c"));
        assertTrue(s.get("sasl.jaas.config").endsWith("password=\"a\\\"b\\\\c\";"), s.get("sasl.jaas.config"));
    }

    @Test
    void saslWithoutPasswordIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                "augur.kafka.security.protocol", "SASL_PLAINTEXT", "augur.kafka.security.username", "u")));
        assertTrue(e.getMessage().contains("augur.kafka.security.password"), e.getMessage());
    }

    @Test
    void unknownProtocolIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(Map.of("augur.kafka.security.protocol", "SASL")));
        assertTrue(e.getMessage().contains("augur.kafka.security.protocol"), e.getMessage());
    }

    @Test
    void otherKafkaSettingsPassThroughWithTheirDottedNames() {
        Map<String, String> s = settings(Map.of("augur.kafka.security.protocol", "SSL",
                "augur.kafka.security.properties.\"ssl.truststore.type\"", "PEM"));
        assertEquals("PEM", s.get("ssl.truststore.type"));
    }
}
