package dev.augur.gateway.messaging;

import dev.augur.gateway.config.GatewayConfig;
import dev.augur.gateway.config.KafkaSecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one place the gateway's Kafka clients are configured, on {@code augur.kafka.bootstrap-servers}. Every record
 * has a {@code String} key and a {@code byte[]} value. The settings are chosen per purpose:
 *
 * <table>
 * <caption>Producers</caption>
 * <tr><th>purpose</th><th>client id</th><th>idempotent, acks</th><th>linger</th><th>buffer</th><th>why</th></tr>
 * <tr><td>{@link #answers()}: inference answers and dead letters</td><td>{@code augur-gateway-results}</td>
 * <td>yes, {@code all}</td><td>2 ms</td><td>Kafka's (32 MiB)</td><td>the consumer commits a request only once its
 * answer is durable, and a retried send never writes it twice; a short linger, since a request waits on it</td></tr>
 * <tr><td>{@link #jobRows(long)}: rows of an uploaded job</td><td>{@code augur-gateway-job-rows}</td>
 * <td>yes, {@code all}</td><td>5 ms</td><td>{@code augur.jobs.send-buffer}</td><td>a row acknowledged is a row that
 * runs; the buffer bounds the upload's memory (a full buffer blocks the upload)</td></tr>
 * <tr><td>{@link #jobResults()}: answers and failures of job rows</td><td>{@code augur-gateway-job-results}</td>
 * <td>yes, {@code all}</td><td>5 ms</td><td>32 MiB</td><td>as answers; results come in bulk, so a longer linger
 * batches them</td></tr>
 * <tr><td>{@link #payloadLogs(Duration)}: payload logging to {@code kafka:<topic>}</td>
 * <td>{@code augur-gateway-payload-logging}</td><td>no, {@code 1}</td><td>5 ms</td><td>8 MiB</td><td>best effort
 * beside the request: the leader's ack is enough, and a send blocks at most the logger's timeout</td></tr>
 * </table>
 *
 * <p>Consumers ({@link #consumer(String)}): group per caller, client id {@code augur-gateway-<group>}, manual commits
 * (the caller commits after its results are written), {@code auto.offset.reset=earliest} (records written while no
 * consumer ran are still read), at most {@code augur.kafka.max-poll-records} a poll.
 *
 * <p>Every client, the {@link #admin()} client included, authenticates the same way ({@code augur.kafka.security.*},
 * {@link KafkaSecurity}).
 */
@ApplicationScoped
public class KafkaClients {
    private final GatewayConfig.Kafka config;
    private final Map<String, String> security;

    public KafkaClients(GatewayConfig config, KafkaSecurityConfig security) {
        this.config = config.kafka();
        this.security = KafkaSecurity.settings(security);
    }

    /** An admin client on the same brokers, with the same credentials. */
    public Admin admin() {
        return Admin.create(common());
    }

    /** Answers and dead letters of the Kafka path. */
    public Producer<String, byte[]> answers() {
        return producer("augur-gateway-results", true, "all", 2, null, null);
    }

    /** Rows of batch jobs; {@code bufferBytes} bounds what an upload has in flight. */
    public Producer<String, byte[]> jobRows(long bufferBytes) {
        return producer("augur-gateway-job-rows", true, "all", 5, bufferBytes, null);
    }

    /** Answers and failures of job rows, to the jobs results topic. */
    public Producer<String, byte[]> jobResults() {
        return producer("augur-gateway-job-results", true, "all", 5, 32L << 20, null);
    }

    /** Payload logging; a send blocks at most {@code maxBlock} when the broker is away. */
    public Producer<String, byte[]> payloadLogs(Duration maxBlock) {
        return producer("augur-gateway-payload-logging", false, "1", 5, 8L << 20, maxBlock);
    }

    /** A consumer of one group, committing by hand. Call from the thread that polls it. */
    public Consumer<String, byte[]> consumer(String group) {
        Properties p = common();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.maxPollRecords()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "augur-gateway-" + group);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** Sends one record; the future completes when the broker acknowledged it, or fails with the send's error. */
    public static CompletableFuture<Void> send(Producer<String, byte[]> producer, ProducerRecord<String, byte[]> r) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.send(r, (metadata, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    /** The brokers and the security settings, which every client shares. */
    private Properties common() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.putAll(security);
        return p;
    }

    private Producer<String, byte[]> producer(String client, boolean idempotent, String acks, int lingerMs,
            Long bufferBytes, Duration maxBlock) {
        Properties p = common();
        if (idempotent) {
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        }
        p.put(ProducerConfig.ACKS_CONFIG, acks);
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        if (bufferBytes != null) {
            p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(bufferBytes));
        }
        if (maxBlock != null) {
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlock.toMillis()));
        }
        p.put(ProducerConfig.CLIENT_ID_CONFIG, client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }
}
