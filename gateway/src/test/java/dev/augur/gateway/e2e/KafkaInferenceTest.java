package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * The Kafka path against a real broker and a real predictor: every request record ends as exactly one answer or
 * one dead letter, and answers are the model's (scikit-learn's reference labels).
 */
@QuarkusTest
class KafkaInferenceTest {
    private static final String REQUESTS = "augur.inference.requests";
    private static final String DLQ = "augur.inference.dlq";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String v2Row(float[] row) {
        return "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[" + row[0] + ","
                + row[1] + "," + row[2] + "," + row[3] + "]}]}";
    }

    @Test
    void tenThousandRequestsAreEachAnsweredOnceWithTheModelsLabel() throws Exception {
        JsonNode ref = JSON.readTree(Path.of("../models/iris-logreg/reference.json").toFile());
        String replies = "replies-" + UUID.randomUUID();
        KafkaClients.createTopic(replies);
        int n = 10_000;
        Map<String, Long> expected = new HashMap<>();
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer()) {
            for (int i = 0; i < n; i++) {
                int row = i % 150;
                JsonNode x = ref.get("inputs").get(row);
                float[] v = {(float) x.get(0).asDouble(), (float) x.get(1).asDouble(), (float) x.get(2).asDouble(),
                    (float) x.get(3).asDouble()};
                String id = "bulk-" + i;
                expected.put(id, ref.get("labels").get(row).asLong());
                p.send(KafkaClients.request(REQUESTS, id, "iris", replies, v2Row(v)));
            }
            p.flush();
        }
        List<ConsumerRecord<String, byte[]>> answers = KafkaClients.readUntil(replies, Duration.ofSeconds(180),
                all -> all.size() >= n);
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : answers) {
            ids.add(r.key());
            JsonNode body = JSON.readTree(r.value());
            assertEquals(r.key(), body.get("id").asText());
            assertEquals(expected.get(r.key()).longValue(), body.get("outputs").get(0).get("data").get(0).asLong(),
                    "label of " + r.key());
        }
        assertEquals(n, answers.size(), "answers (duplicates included)");
        assertEquals(n, ids.size(), "distinct ids answered");
    }

    @Test
    void kcatAsAnIndependentClientGetsAnAnswer() throws Exception {
        // kcat (librdkafka) is a client written independently of Java's; CI installs it when it can.
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("kcat"), "kcat is not installed (apt-get install kcat)");
        String replies = "replies-" + UUID.randomUUID();
        Process produce = new ProcessBuilder("kcat", "-b", KafkaBroker.bootstrap, "-t", REQUESTS, "-P", "-K", "|",
                "-H", "augur-model=iris", "-H", "augur-reply-to=" + replies).start();
        produce.getOutputStream().write(("kcat-1|" + Iris.V1 + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        produce.getOutputStream().close();
        assertEquals(0, produce.waitFor());
        Process consume = new ProcessBuilder("kcat", "-b", KafkaBroker.bootstrap, "-t", replies, "-C", "-o",
                "beginning", "-c", "1", "-e", "-f", "%k %s\n").start();
        String out = new String(consume.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        consume.waitFor();
        for (int i = 0; i < 100 && out.isBlank(); i++) {
            Thread.sleep(200);
            consume = new ProcessBuilder("kcat", "-b", KafkaBroker.bootstrap, "-t", replies, "-C", "-o", "beginning",
                    "-c", "1", "-e", "-f", "%k %s\n").start();
            out = new String(consume.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            consume.waitFor();
        }
        assertEquals("kcat-1 {\"predictions\":[1,1]}", out.trim());
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void v1RecordsGetV1Answers() throws Exception {
        String replies = "replies-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer()) {
            p.send(KafkaClients.request(REQUESTS, "v1-a", "iris", replies, Iris.V1)).get();
        }
        List<ConsumerRecord<String, byte[]>> answers = KafkaClients.readUntil(replies, Duration.ofSeconds(60),
                all -> !all.isEmpty());
        assertEquals("{\"predictions\":[1,1]}", KafkaClients.value(answers.get(0)));
        assertEquals("v1-a", KafkaClients.header(answers.get(0), "augur-request-id"));
    }

    @Test
    void unanswerableRecordsGoToTheDeadLetterTopicWithTheirReason() throws Exception {
        String run = UUID.randomUUID().toString();
        String replies = "replies-" + run;
        try (KafkaProducer<String, byte[]> p = KafkaClients.producer()) {
            p.send(KafkaClients.request(REQUESTS, run + "-good-1", "iris", replies, Iris.V2));
            p.send(KafkaClients.request(REQUESTS, run + "-malformed", "iris", replies, "{\"inputs\": ["));
            p.send(KafkaClients.request(REQUESTS, run + "-unknown", "no-such-service", replies, Iris.V2));
            p.send(KafkaClients.request(REQUESTS, run + "-shape", "iris", replies,
                    "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,2,3]}]}"));
            p.send(KafkaClients.request(REQUESTS, run + "-no-model", null, replies, Iris.V2));
            p.send(KafkaClients.request(REQUESTS, run + "-good-2", "iris", replies, Iris.V2));
            p.flush();
        }
        List<ConsumerRecord<String, byte[]>> dead = KafkaClients.readUntil(DLQ, Duration.ofSeconds(60),
                all -> all.stream().filter(r -> r.key().startsWith(run)).count() >= 4);
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : dead) {
            if (r.key().startsWith(run)) {
                reasons.put(r.key().substring(run.length() + 1), KafkaClients.header(r, "augur-dlq-reason"));
            }
        }
        assertEquals(Set.of("malformed", "unknown", "shape", "no-model"), reasons.keySet());
        assertTrue(reasons.get("malformed").startsWith("malformed JSON"), reasons.get("malformed"));
        assertEquals("InferenceService 'no-such-service' not found", reasons.get("unknown"));
        assertTrue(reasons.get("shape").contains("shape [1, 3] does not match"), reasons.get("shape"));
        assertTrue(reasons.get("no-model").startsWith("record has no 'augur-model' header"), reasons.get("no-model"));
        List<ConsumerRecord<String, byte[]>> answers = KafkaClients.readUntil(replies, Duration.ofSeconds(60),
                all -> all.size() >= 2);
        assertEquals(Set.of(run + "-good-1", run + "-good-2"), new HashSet<>(answers.stream().map(r -> r.key())
                .toList()));
    }
}
