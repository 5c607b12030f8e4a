package dev.augur.gateway.jobs;

import dev.augur.gateway.messaging.KafkaHeaders;
import dev.augur.gateway.messaging.JobTopics;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.JobJsonCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the jobs results topic into each job's {@link ResultFile}. Offsets are committed only after the rows of a
 * poll are forced to disk, so a crash re-reads them; the result file's index drops the duplicates.
 */
final class ResultsConsumer implements Runnable {
    private static final Logger LOG = Logger.getLogger(ResultsConsumer.class);
    static final String GROUP = "augur-jobs-results";

    private final String topic;
    private final Properties props = new Properties();
    private final JobStore store;
    private final Thread thread;
    private volatile boolean running = true;

    ResultsConsumer(String topic, String bootstrap, int maxPollRecords, JobStore store) {
        this.topic = topic;
        this.store = store;
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "augur-gateway-" + GROUP);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        thread = new Thread(this, "kafka-" + GROUP);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            c.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                Set<Job> touched = new HashSet<>();
                try {
                    for (ConsumerRecord<String, byte[]> r : records) {
                        store(r, touched);
                    }
                    for (Job job : touched) {
                        job.results.force();
                    }
                } catch (IOException e) {
                    // Not committed: the poll is read again once the disk takes writes.
                    LOG.errorf("cannot store job results (%s); reading them again", e.toString());
                    sleep(1000);
                    rewind(c, records.partitions());
                    continue;
                }
                c.commitSync();
                touched.forEach(Job::finishIfDone);
            }
        } catch (WakeupException e) {
            // Stopping.
        } catch (RuntimeException e) {
            LOG.errorf(e, "the consumer of %s stopped", topic);
        }
    }

    private void store(ConsumerRecord<String, byte[]> r, Set<Job> touched) throws IOException {
        String id = JobTopics.jobOf(r.key());
        Job job = store.find(id).orElse(null);
        long line;
        try {
            line = Long.parseLong(r.key().substring(id == null ? 0 : id.length() + 1));
        } catch (NumberFormatException e) {
            line = -1;
        }
        if (job == null || line < 1) {
            return; // A job deleted, or a record that is no job's row.
        }
        String code = KafkaHeaders.get(r.headers(), KafkaHeaders.DLQ_CODE);
        byte[] row;
        byte kind;
        if (code == null) {
            row = JobJsonCodec.encodeAnswer(line, r.key(), r.value());
            kind = ResultFile.ANSWERED;
        } else {
            row = JobJsonCodec.encodeFailure(line, r.key(), errorCode(code),
                    KafkaHeaders.get(r.headers(), KafkaHeaders.DLQ_REASON));
            kind = ResultFile.FAILED;
        }
        if (job.record(line, kind, row)) {
            touched.add(job);
        }
    }

    private static ErrorCode errorCode(String name) {
        try {
            return ErrorCode.valueOf(name);
        } catch (IllegalArgumentException e) {
            return ErrorCode.INTERNAL;
        }
    }

    private static void rewind(KafkaConsumer<String, byte[]> c, Set<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(partitions);
        for (TopicPartition p : partitions) {
            OffsetAndMetadata o = committed.get(p);
            if (o != null) {
                c.seek(p, o.offset());
            } else {
                c.seekToBeginning(List.of(p));
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
