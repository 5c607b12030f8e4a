package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka path on a broker that authenticates (SASL/SCRAM-SHA-512, {@code bin/kafka-broker} with
 * {@code KAFKA_SCRAM_USERS}) and authorizes (StandardAuthorizer, ACLs as README "Kafka authentication" grants
 * them): the packaged gateway, configured only through {@code AUGUR_KAFKA_SECURITY_*} as on Kubernetes, answers a
 * user's request; a wrong password and a write outside a user's grant are refused by the broker.
 */
class KafkaScramIT {
    private static final String REQUESTS = "augur.inference.requests";
    private static final String RESPONSES = "augur.inference.responses";
    private static final String REPLIES = "augur.replies.scram-it";
    private static final String DLQ = "augur.inference.dlq";
    /** A topic that exists but is outside the gateway's grant. */
    private static final String FOREIGN = "elsewhere.replies";
    private static final String GATEWAY_USER = "augur-gateway";
    private static final String CLIENT_USER = "client";
    private static final String ADMIN_PASSWORD = password();
    private static final String GATEWAY_PASSWORD = password();
    private static final String CLIENT_PASSWORD = password();
    private static final KafkaBroker BROKER = new KafkaBroker(Map.of("KAFKA_SCRAM_USERS", "admin:" + ADMIN_PASSWORD
            + " " + GATEWAY_USER + ":" + GATEWAY_PASSWORD + " " + CLIENT_USER + ":" + CLIENT_PASSWORD));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PackagedProcesses processes;
    private static Process gateway;

    @BeforeAll
    static void start() throws Exception {
        BROKER.start();
        try (Admin admin = Admin.create(sasl("admin", ADMIN_PASSWORD))) {
            admin.createTopics(List.of(new NewTopic(REQUESTS, 1, (short) 1), new NewTopic(RESPONSES, 1, (short) 1),
                    new NewTopic(DLQ, 1, (short) 1), new NewTopic(REPLIES, 1, (short) 1),
                    new NewTopic(FOREIGN, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            admin.createAcls(grants()).all().get(30, TimeUnit.SECONDS);
        }
        processes = PackagedProcesses.withIrisPredictor("augur-scram-it");
        gateway = processes.gateway(KafkaBroker.freePort(), "gateway.log", Map.of(
                "AUGUR_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "AUGUR_KAFKA_SECURITY_USERNAME", GATEWAY_USER,
                "AUGUR_KAFKA_SECURITY_PASSWORD", GATEWAY_PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor(30, TimeUnit.SECONDS);
        }
        if (processes != null) {
            processes.close();
        }
        BROKER.stop();
    }

    /**
     * The gateway's grant: its topics and groups by prefix ({@code augur.} and {@code augur-}); the client's: write
     * requests, read its reply topic, its own consumer groups.
     */
    private static List<AclBinding> grants() {
        List<AclBinding> out = new ArrayList<>();
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
                AclOperation.DESCRIBE)) {
            out.add(allow(GATEWAY_USER, ResourceType.TOPIC, "augur.", PatternType.PREFIXED, op));
        }
        out.add(allow(GATEWAY_USER, ResourceType.GROUP, "augur-", PatternType.PREFIXED, AclOperation.READ));
        out.add(allow(CLIENT_USER, ResourceType.TOPIC, REQUESTS, PatternType.LITERAL, AclOperation.WRITE));
        out.add(allow(CLIENT_USER, ResourceType.TOPIC, REPLIES, PatternType.LITERAL, AclOperation.READ));
        out.add(allow(CLIENT_USER, ResourceType.GROUP, "client-", PatternType.PREFIXED, AclOperation.READ));
        return out;
    }

    @Test
    void aScramClientsRequestIsAnsweredWithTheModelsLabels() throws Exception {
        ProducerRecord<String, byte[]> request = KafkaClients.request(REQUESTS, "scram-1", "iris", REPLIES, Iris.V2);
        try (KafkaProducer<String, byte[]> p = producer(CLIENT_USER, CLIENT_PASSWORD)) {
            p.send(request).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<String, byte[]>> answers = read(REPLIES, CLIENT_USER, CLIENT_PASSWORD,
                Duration.ofSeconds(120));
        assertFalse(answers.isEmpty(), "no answer on " + REPLIES + "; see " + processes.work.resolve("gateway.log"));
        assertEquals("scram-1", answers.get(0).key());
        JsonNode data = JSON.readTree(answers.get(0).value()).get("outputs").get(0).get("data");
        // Both of KServe's iris sample rows are versicolor (class 1).
        assertEquals("[1,1]", data.toString());
    }

    @Test
    void anAnswerTheGatewayMayNotWriteEndsAsADeadLetterNamingTheTopic() throws Exception {
        // Retrying would re-read the poll forever and hold up every request behind it.
        ProducerRecord<String, byte[]> request = KafkaClients.request(REQUESTS, "scram-foreign", "iris", FOREIGN,
                Iris.V2);
        try (KafkaProducer<String, byte[]> p = producer(CLIENT_USER, CLIENT_PASSWORD)) {
            p.send(request).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<String, byte[]>> dead = read(DLQ, "admin", ADMIN_PASSWORD, Duration.ofSeconds(120));
        assertFalse(dead.isEmpty(), "no dead letter; see " + processes.work.resolve("gateway.log"));
        assertEquals("scram-foreign", dead.get(0).key());
        String reason = KafkaClients.header(dead.get(0), "augur-dlq-reason");
        assertTrue(reason.contains("'" + FOREIGN + "'"), reason);
    }

    @Test
    void aWrongPasswordIsRefusedByTheBroker() {
        try (Admin admin = Admin.create(sasl(CLIENT_USER, CLIENT_PASSWORD + "-wrong"))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    @Test
    void aClientCannotWriteToATopicOutsideItsGrant() {
        // Forging answers on the responses topic is the gateway's grant, not a client's.
        try (KafkaProducer<String, byte[]> p = producer(CLIENT_USER, CLIENT_PASSWORD)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> p.send(new ProducerRecord<>(
                    RESPONSES, "forged", "{}".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
    }

    private static Properties sasl(String user, String password) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBroker.bootstrap);
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "SCRAM-SHA-512");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password + "\";");
        return p;
    }

    private static KafkaProducer<String, byte[]> producer(String user, String password) {
        Properties p = sasl(user, password);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        return new KafkaProducer<>(p);
    }

    /** Reads {@code topic} from the beginning until a record arrives or the timeout passes. */
    private static List<ConsumerRecord<String, byte[]>> read(String topic, String user, String password,
            Duration timeout) {
        Properties p = sasl(user, password);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "client-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of(topic));
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end && all.isEmpty()) {
                c.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern,
            AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    private static String password() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
