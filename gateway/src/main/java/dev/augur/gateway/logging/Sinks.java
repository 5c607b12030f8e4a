package dev.augur.gateway.logging;

import dev.augur.gateway.config.PayloadLoggingConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Makes the sink of a logger URL: {@code http(s)://...} posts to that URL; {@code kafka:<topic>} writes to that
 * topic on the gateway's brokers ({@code augur.kafka.bootstrap-servers}), through one shared producer made on first
 * use.
 */
final class Sinks implements AutoCloseable {
    static final String KAFKA_SCHEME = "kafka:";

    private final PayloadLoggingConfig config;
    private final String bootstrap;
    private final HttpClient http;
    private volatile Producer<String, byte[]> producer;

    Sinks(PayloadLoggingConfig config, String bootstrap) {
        this.config = config;
        this.bootstrap = bootstrap;
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
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "1");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(config.timeout().toMillis()));
            p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(8L << 20));
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "augur-gateway-payload-logging");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(p);
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
