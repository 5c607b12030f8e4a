package dev.augur.gateway.messaging;

import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Target;
import dev.augur.protocol.core.InferenceRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One request record on its way: decoded, addressed, and later answered or dead-lettered. */
final class Item {
    final ConsumerRecord<String, byte[]> record;
    final String id;
    final String replyTo;
    final boolean v1;
    Exchange exchange;
    Target target;
    InferenceRequest request;

    Item(ConsumerRecord<String, byte[]> record, String id, String replyTo, boolean v1) {
        this.record = record;
        this.id = id;
        this.replyTo = replyTo;
        this.v1 = v1;
    }

    String source() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
