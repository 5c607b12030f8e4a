package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kills the consuming gateway process (SIGKILL) in the middle of a stream and starts it again: every request is
 * still answered at least once. Runs the packaged gateway jar, so it is a Failsafe integration test.
 */
class KafkaCrashIT {
    private static final int REQUESTS = 3000;
    private static final KafkaBroker BROKER = new KafkaBroker();
    private static PackagedProcesses processes;

    @BeforeAll
    static void start() throws Exception {
        BROKER.start();
        processes = PackagedProcesses.withIrisPredictor("augur-crash-it");
    }

    @AfterAll
    static void stop() {
        if (processes != null) {
            processes.close();
        }
        BROKER.stop();
    }

    @Test
    void everyRequestIsAnsweredAcrossAKill() throws Exception {
        String replies = "crash-replies";
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer()) {
            for (int i = 0; i < REQUESTS; i++) {
                p.send(KafkaClients.request("augur.inference.requests", "crash-" + i, "iris", replies, Iris.V2));
            }
            p.flush();
        }
        int port = KafkaBroker.freePort();
        Process first = processes.gateway(port, "gateway-1.log");
        List<ConsumerRecord<String, byte[]>> before = KafkaClients.readUntil(replies, Duration.ofSeconds(120),
                all -> all.size() >= REQUESTS / 10);
        first.destroyForcibly().waitFor();
        assertTrue(before.size() < REQUESTS, "the kill came too late to test anything: " + before.size());
        Process second = processes.gateway(port, "gateway-2.log");
        try {
            List<ConsumerRecord<String, byte[]>> all = KafkaClients.readUntil(replies, Duration.ofSeconds(180),
                    got -> got.stream().map(ConsumerRecord::key).distinct().count() >= REQUESTS);
            Map<String, Integer> counts = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : all) {
                counts.merge(r.key(), 1, Integer::sum);
            }
            long duplicates = all.size() - counts.size();
            System.out.printf("KafkaCrashIT: %d requests, %d answered before the kill, %d answers in all, "
                    + "%d distinct, %d duplicates%n", REQUESTS, before.size(), all.size(), counts.size(), duplicates);
            assertEquals(REQUESTS, counts.size(), "distinct ids answered");
        } finally {
            second.destroy();
            second.waitFor();
        }
    }
}
