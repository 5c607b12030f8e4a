package dev.augur.gateway.logging;

import dev.augur.gateway.config.PayloadLoggingConfig;
import dev.augur.gateway.messaging.KafkaClients;
import java.net.URI;
import java.net.http.HttpClient;
import org.apache.kafka.clients.producer.Producer;

/**
 * Makes the sink of a logger URL: {@code http(s)://...} posts to that URL; {@code kafka:<topic>} writes to that
 * topic on the gateway's brokers ({@code augur.kafka.bootstrap-servers}), through one shared producer made on first
 * use.
 */
final class Sinks implements AutoCloseable {
    static final String KAFKA_SCHEME = "kafka:";

    private final PayloadLoggingConfig config;
    private final KafkaClients kafka;
    private final HttpClient http;
    private volatile Producer<String, byte[]> producer;

    Sinks(PayloadLoggingConfig config, KafkaClients kafka) {
        this.config = config;
        this.kafka = kafka;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    }

    /** The sink for a logger URL; a URL that names none is refused with the reason. */
    EventSink create(String url) {
        if (url.startsWith(KAFKA_SCHEME)) {
            String topic = url.substring(KAFKA_SCHEME.length()).replaceFirst("^//", "");
            if (topic.isBlank()) {
                throw new IllegalArgumentException("logger url '" + url + "' names no topic (kafka:<topic>)");
            }
            return new KafkaSink(producer(), topic);
        }
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("logger url '" + url + "': only http(s):// and kafka:<topic>");
        }
        return new HttpSink(uri, http, config.timeout());
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = kafka.payloadLogs(config.timeout());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(config.timeout());
        }
    }
}
