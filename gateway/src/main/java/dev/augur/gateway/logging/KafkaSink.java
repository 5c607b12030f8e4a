package dev.augur.gateway.logging;

import dev.augur.gateway.messaging.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * CloudEvents' Kafka binding in binary content mode: attributes as {@code ce_*} headers, the payload as the value,
 * keyed by the event id so a request's two events share a partition (and keep their order).
 */
final class KafkaSink implements EventSink {
    private final Producer<String, byte[]> producer;
    private final String topic;

    KafkaSink(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public CompletableFuture<Void> send(CloudEvent event) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, event.id(), event.body());
        r.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        for (String[] a : event.attributes()) {
            if (a[1] != null) {
                r.headers().add("ce_" + a[0], a[1].getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            // Asynchronous: the producer's bounded buffer (max.block.ms = the timeout) is the back-pressure.
            return KafkaClients.send(producer, r);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
