package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A graph as a Kafka target: the {@code augur-model} header names it, the answer is the graph's answer. */
@QuarkusTest
class GraphKafkaTest {
    private static final String REQUESTS = "augur.inference.requests";

    @BeforeEach
    void servicesAreReady() {
        Gateway.readyPort("iris");
        Gateway.readyPort("forest");
    }

    @Test
    void aRecordForAGraphIsAnsweredByIt() throws Exception {
        String replies = "replies-" + UUID.randomUUID();
        KafkaClients.createTopic(replies);
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer()) {
            p.send(KafkaClients.request(REQUESTS, "graph-1", "choose", replies,
                    Reference.v1(Reference.LOGREG, GraphTest.LARGE))).get();
        }
        List<ConsumerRecord<String, byte[]>> answers = KafkaClients.readUntil(replies, Duration.ofSeconds(60),
                all -> !all.isEmpty());
        assertEquals("{\"predictions\":[" + Reference.label(Reference.FOREST, GraphTest.LARGE) + "]}",
                KafkaClients.value(answers.get(0)));
        assertEquals("graph-1", KafkaClients.header(answers.get(0), "augur-request-id"));
        assertEquals("choose", KafkaClients.header(answers.get(0), "augur-model"));
    }

    @Test
    void aGraphThatFailsSendsTheRecordToTheDeadLetterTopic() throws Exception {
        String id = "graph-dlq-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer()) {
            p.send(KafkaClients.request(REQUESTS, id, "choose", null,
                    Reference.v1(Reference.LOGREG, GraphTest.MIDDLE))).get();
        }
        List<ConsumerRecord<String, byte[]>> dead = KafkaClients.readUntil("augur.inference.dlq",
                Duration.ofSeconds(60), all -> all.stream().anyMatch(r -> id.equals(r.key())));
        ConsumerRecord<String, byte[]> r = dead.stream().filter(x -> id.equals(x.key())).findFirst().orElseThrow();
        assertEquals("NOT_FOUND", KafkaClients.header(r, "augur-dlq-code"));
        assertTrue(KafkaClients.header(r, "augur-dlq-reason").contains("None of the routes matched"),
                KafkaClients.header(r, "augur-dlq-reason"));
    }
}
