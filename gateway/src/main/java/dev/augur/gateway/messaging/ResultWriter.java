package dev.augur.gateway.messaging;

import dev.augur.protocol.core.InferenceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes answers and dead letters with an idempotent producer; every send's result is handed back, so nothing is
 * fire-and-forget and the consumer commits only what was written.
 */
public final class ResultWriter {
    private final Producer<String, byte[]> producer;
    private final String responsesTopic;
    private final String deadLetterTopic;
    private final KafkaMetrics metrics;

    public ResultWriter(Producer<String, byte[]> producer, String responsesTopic, String deadLetterTopic,
            KafkaMetrics metrics) {
        this.producer = producer;
        this.responsesTopic = responsesTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.metrics = metrics;
    }

    CompletableFuture<Void> answer(ConsumerRecord<String, byte[]> request, String id, String replyTo, String model,
            byte[] body) {
        Headers h = new RecordHeaders();
        h.add(KafkaHeaders.REQUEST_ID, KafkaHeaders.utf8(id));
        h.add(KafkaHeaders.MODEL, KafkaHeaders.utf8(model));
        h.add(KafkaHeaders.CONTENT_TYPE, KafkaHeaders.utf8("application/json"));
        h.add(KafkaHeaders.SOURCE, KafkaHeaders.utf8(source(request)));
        String topic = replyTo == null || replyTo.isBlank() ? responsesTopic : replyTo;
        return send(new ProducerRecord<>(topic, null, id, body, h)).thenRun(metrics::answered)
                .exceptionallyCompose(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (!unwritable(cause)) {
                        return CompletableFuture.failedFuture(cause);
                    }
                    // A topic the broker will never take from us (outside the gateway's ACLs, or no valid name):
                    // retrying would re-read the poll forever and hold up every request behind this one.
                    return deadLetter(request, id, InferenceException.invalid("the answer cannot be written to topic '"
                            + topic + "': " + cause.getMessage()));
                });
    }

    /** Send failures that no retry can fix, for this topic. */
    static boolean unwritable(Throwable error) {
        return error instanceof TopicAuthorizationException || error instanceof InvalidTopicException;
    }

    /** The original record, with its headers, plus why it can never be answered. */
    CompletableFuture<Void> deadLetter(ConsumerRecord<String, byte[]> request, String id, InferenceException why) {
        Headers h = new RecordHeaders();
        for (Header original : request.headers()) {
            h.add(original);
        }
        h.add(KafkaHeaders.REQUEST_ID, KafkaHeaders.utf8(id));
        h.add(KafkaHeaders.DLQ_REASON, KafkaHeaders.utf8(why.getMessage()));
        h.add(KafkaHeaders.DLQ_CODE, KafkaHeaders.utf8(why.code().name()));
        h.add(KafkaHeaders.SOURCE, KafkaHeaders.utf8(source(request)));
        return send(new ProducerRecord<>(deadLetterTopic, null, id, request.value(), h))
                .thenRun(metrics::deadLettered);
    }

    private static String source(ConsumerRecord<String, byte[]> r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset();
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        return KafkaClients.send(producer, record);
    }
}
