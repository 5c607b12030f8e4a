package dev.augur.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** Payload logging (an InferenceService's {@code logger}): how events leave the gateway, read once at start-up. */
@ConfigMapping(prefix = "augur.payload-logging")
public interface PayloadLoggingConfig {

    /** Events waiting to be sent; when full, new events are dropped (and counted) instead of slowing requests. */
    @WithName("queue-size")
    @WithDefault("1000")
    int queueSize();

    /** Threads sending events; each waits for its sink, so a slow sink holds at most this many sends. */
    @WithDefault("2")
    int senders();

    /** Longest one send may take (HTTP: connect and answer; Kafka: waiting for buffer space). */
    @WithDefault("5s")
    Duration timeout();

    /** The CloudEvents {@code source} attribute. */
    @WithDefault("/augur/gateway")
    String source();

    /** Sink for loggers without a {@code url} (KServe sends those to its default broker); none: not logged. */
    @WithName("default-url")
    Optional<String> defaultUrl();
}
