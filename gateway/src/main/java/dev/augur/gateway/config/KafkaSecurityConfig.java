package dev.augur.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Map;
import java.util.Optional;

/**
 * How the gateway's Kafka clients (the request consumer, the answer, job and payload-logging producers, the admin
 * client) authenticate to the brokers: the same settings for all of them, read once at start-up. On Kubernetes the
 * password comes from a Secret through {@code AUGUR_KAFKA_SECURITY_PASSWORD}.
 */
@ConfigMapping(prefix = "augur.kafka.security")
public interface KafkaSecurityConfig {

    /** Kafka's {@code security.protocol}: {@code PLAINTEXT}, {@code SASL_PLAINTEXT}, {@code SASL_SSL} or {@code SSL}. */
    @WithDefault("PLAINTEXT")
    String protocol();

    /** Kafka's {@code sasl.mechanism} with a {@code SASL_*} protocol: {@code SCRAM-SHA-512}, {@code SCRAM-SHA-256} or {@code PLAIN}. */
    @WithName("sasl-mechanism")
    @WithDefault("SCRAM-SHA-512")
    String saslMechanism();

    /** The SASL user; required with a {@code SASL_*} protocol. */
    Optional<String> username();

    /** The SASL user's password; required with a {@code SASL_*} protocol. Never logged. */
    Optional<String> password();

    /**
     * Any other Kafka client setting, passed to every client as is (e.g. {@code ssl.truststore.location},
     * {@code ssl.truststore.type}); applied last, so it can also override the settings above.
     */
    Map<String, String> properties();
}
