package dev.augur.gateway.messaging;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The record headers of the Kafka path: one place for their names. */
public final class KafkaHeaders {
    /** The InferenceService a request is for. */
    public static final String MODEL = "augur-model";
    /** Topic for the answer, instead of the responses topic. */
    public static final String REPLY_TO = "augur-reply-to";
    /** {@code v1} or {@code v2}; detected from the body when absent. */
    public static final String PROTOCOL = "augur-protocol";
    public static final String CONTENT_TYPE = "content-type";
    /** The request id on answers and dead letters (also the record key). */
    public static final String REQUEST_ID = "augur-request-id";
    /** Why a request went to the dead-letter topic, and its error code. */
    public static final String DLQ_REASON = "augur-dlq-reason";
    public static final String DLQ_CODE = "augur-dlq-code";
    /** topic-partition@offset of the request a dead letter or answer came from. */
    public static final String SOURCE = "augur-source";
    /** CloudEvents' Kafka binding (binary mode): the event id, and KServe's extension naming the service. */
    public static final String CE_ID = "ce_id";
    public static final String CE_SERVICE = "ce_inferenceservicename";
    public static final String TRACEPARENT = "traceparent";

    private KafkaHeaders() {
    }

    /** The last value of a header as UTF-8, or null. */
    public static String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
