package dev.augur.gateway.messaging.jobs;

import dev.augur.gateway.config.GatewayConfig;
import dev.augur.gateway.config.JobsConfig;
import dev.augur.gateway.messaging.KafkaClients;
import dev.augur.gateway.messaging.KafkaHeaders;
import dev.augur.gateway.messaging.KafkaMetrics;
import dev.augur.gateway.messaging.RecordProcessor;
import dev.augur.gateway.messaging.ResultWriter;
import dev.augur.gateway.messaging.TopicConsumer;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Telemetry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * The Kafka side of batch jobs: sends a job's rows to the jobs requests topic, and runs them with the Kafka path's
 * own consumer and micro-batching processor. Answers and failures both go to the jobs results topic (a failed row
 * is a result of its job, not a dead letter), where the job store reads them.
 */
@ApplicationScoped
public class JobTopics {
    private static final Logger LOG = Logger.getLogger(JobTopics.class);
    /** Header naming the job a row belongs to. */
    public static final String JOB = "augur-job";
    static final String GROUP = "augur-jobs";

    private final GatewayConfig.Kafka kafka;
    private final JobsConfig jobs;
    private final Router router;
    private final Telemetry telemetry;
    private final KafkaMetrics metrics;
    private final KafkaClients clients;
    private Producer<String, byte[]> rows;
    private Producer<String, byte[]> results;
    private TopicConsumer consumer;

    public JobTopics(GatewayConfig config, JobsConfig jobs, Router router, Telemetry telemetry, KafkaMetrics metrics,
            KafkaClients clients) {
        this.clients = clients;
        this.kafka = config.kafka();
        this.jobs = jobs;
        this.router = router;
        this.telemetry = telemetry;
        this.metrics = metrics;
    }

    /** Jobs run on the Kafka path: without it they are refused. */
    public boolean enabled() {
        return kafka.enabled();
    }

    /** The jobs' Kafka clients (their results consumer). */
    public KafkaClients clients() {
        return clients;
    }

    /** The record key of a job's row: the job id and the row's line number, which the results are ordered by. */
    public static String key(String job, long line) {
        return job + ':' + line;
    }

    /** The job id in a row's key, or null if the key is not a job row's. */
    public static String jobOf(String key) {
        int colon = key == null ? -1 : key.lastIndexOf(':');
        return colon <= 0 ? null : key.substring(0, colon);
    }

    /** Starts the consumer of job rows; rows of jobs {@code cancelled} names are committed without being run. */
    public synchronized void start(Predicate<String> cancelled) {
        createTopics();
        rows = clients.jobRows(jobs.sendBuffer().asLongValue());
        results = clients.jobResults();
        RecordProcessor processor = new RecordProcessor(router, telemetry, new ResultWriter(results,
                jobs.resultsTopic(), jobs.resultsTopic(), metrics), metrics, kafka,
                r -> cancelled.test(jobOf(r.key())), null);
        consumer = TopicConsumer.answering(jobs.requestsTopic(), GROUP, clients, processor);
        consumer.start();
    }

    /**
     * Sends one row. Blocks while the send buffer is full, which is what holds an upload to the broker's pace; the
     * future completes when the broker has the row. {@code traceparent} (the submitter's, or null) rides along, so
     * each row's call continues the submitter's trace.
     */
    public CompletableFuture<Void> send(String job, long line, String service, byte[] body, String traceparent) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(jobs.requestsTopic(), key(job, line), body);
        r.headers().add(KafkaHeaders.MODEL, KafkaHeaders.utf8(service));
        r.headers().add(KafkaHeaders.REPLY_TO, KafkaHeaders.utf8(jobs.resultsTopic()));
        r.headers().add(KafkaHeaders.CONTENT_TYPE, KafkaHeaders.utf8("application/json"));
        r.headers().add(JOB, KafkaHeaders.utf8(job));
        if (traceparent != null && !traceparent.isBlank()) {
            r.headers().add(KafkaHeaders.TRACEPARENT, KafkaHeaders.utf8(traceparent));
        }
        return KafkaClients.send(rows, r);
    }

    /** Waits until every row sent so far is acknowledged (or failed). */
    public void flush() {
        rows.flush();
    }

    public synchronized void stop() {
        if (consumer != null) {
            consumer.stop();
        }
        if (rows != null) {
            rows.close(Duration.ofSeconds(10));
        }
        if (results != null) {
            results.close(Duration.ofSeconds(10));
        }
    }

    /**
     * Creates the two job topics up front (with the broker's default partitions) rather than on first use: the first
     * writes of an idempotent producer to a topic that is being auto-created can be refused for minutes with
     * OUT_OF_ORDER_SEQUENCE_NUMBER after NOT_LEADER_OR_FOLLOWER (seen on the test broker). Auto-creation stays the
     * fallback if this fails.
     */
    private void createTopics() {
        try (Admin admin = clients.admin()) {
            List<NewTopic> topics = List.of(new NewTopic(jobs.requestsTopic(), Optional.empty(), Optional.empty()),
                    new NewTopic(jobs.resultsTopic(), Optional.empty(), Optional.empty()));
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("could not create topic %s: %s", created.getKey(), e.getCause().toString());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | RuntimeException e) {
            LOG.warnf("could not create the job topics (%s); they are created on first use", e.toString());
        }
    }
}
