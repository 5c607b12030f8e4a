package dev.augur.gateway.config;

import dev.augur.catalog.ComponentCalls;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** The gateway's settings, read once at start-up. */
@ConfigMapping(prefix = "augur")
public interface GatewayConfig {

    /** Routing and calls to components. */
    Gateway gateway();

    /** The asynchronous path: inference requests from Kafka topics. */
    Kafka kafka();

    interface Kafka {
        /** Consume inference requests from Kafka; {@code ./augur up} turns it on with the broker it starts. */
        @WithDefault("false")
        boolean enabled();

        /** The brokers. */
        @WithName("bootstrap-servers")
        @WithDefault("127.0.0.1:9092")
        String bootstrapServers();

        /** Requests of every InferenceService without a topic of its own (annotation {@code augur.dev/kafka-topic}). */
        @WithName("requests-topic")
        @WithDefault("augur.inference.requests")
        String requestsTopic();

        /** Answers, unless a request names its own reply topic in the {@code augur-reply-to} header. */
        @WithName("responses-topic")
        @WithDefault("augur.inference.responses")
        String responsesTopic();

        /** Requests that can never succeed (malformed, unknown model, rejected input) or that ran out of retries. */
        @WithName("dead-letter-topic")
        @WithDefault("augur.inference.dlq")
        String deadLetterTopic();

        /** Most records taken per poll: they are micro-batched together before the offsets are committed. */
        @WithName("max-poll-records")
        @WithDefault("500")
        int maxPollRecords();

        /** Most rows merged into one call to a component. */
        @WithName("max-batch-rows")
        @WithDefault("64")
        int maxBatchRows();

        /** Attempts for a call that failed for a passing reason (component unavailable, deadline, queue full). */
        @WithDefault("5")
        int attempts();

        /** Back-off before the first retry; doubled for each next one. */
        @WithName("retry-backoff")
        @WithDefault("200ms")
        Duration retryBackoff();
    }

    /** Routing and component calls: the domain and default deadline are shared with the catalogs. */
    interface Gateway extends ComponentCalls {
        /** One structured line per request on the {@code augur.access} logger. */
        @WithName("access-log")
        @WithDefault("true")
        boolean accessLog();
    }
}
