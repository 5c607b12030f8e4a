package dev.augur.gateway.messaging;

import dev.augur.gateway.config.KafkaSecurityConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Turns {@code augur.kafka.security.*} into the client settings every Kafka client of the gateway gets. Checked at
 * start-up: a SASL protocol without a user or password, or an unknown protocol or mechanism, stops the gateway with
 * a message naming the setting instead of failing later on the first poll.
 */
final class KafkaSecurity {
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL");
    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    private KafkaSecurity() {
    }

    /** The settings for {@code config}; throws {@link IllegalArgumentException} when they cannot work. */
    static Map<String, String> settings(KafkaSecurityConfig config) {
        String protocol = config.protocol().trim().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("augur.kafka.security.protocol must be one of " + PROTOCOLS
                    + ", got \"" + config.protocol() + "\"");
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (protocol.startsWith("SASL_")) {
            String mechanism = config.saslMechanism().trim().toUpperCase(Locale.ROOT);
            if (!MECHANISMS.contains(mechanism)) {
                throw new IllegalArgumentException("augur.kafka.security.sasl-mechanism must be one of " + MECHANISMS
                        + ", got \"" + config.saslMechanism() + "\"");
            }
            String user = config.username().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                    "augur.kafka.security.username is required with protocol " + protocol));
            String password = config.password().filter(p -> !p.isEmpty()).orElseThrow(
                    () -> new IllegalArgumentException("augur.kafka.security.password is required with protocol "
                            + protocol + " (AUGUR_KAFKA_SECURITY_PASSWORD)"));
            out.put(SaslConfigs.SASL_MECHANISM, mechanism);
            out.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(mechanism, user, password));
        }
        out.putAll(config.properties());
        return out;
    }

    /** The JAAS line of Kafka's own login modules; values are quoted, so quotes and backslashes are escaped. */
    static String jaas(String mechanism, String user, String password) {
        String module = mechanism.startsWith("SCRAM-") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        return module + " required username=\"" + quoted(user) + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
