package dev.augur.gateway.messaging.jobs;

import dev.augur.gateway.messaging.KafkaClients;
import dev.augur.gateway.messaging.KafkaHeaders;
import dev.augur.gateway.messaging.TopicConsumer;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.jobs.JobJsonCodec;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the jobs results topic into each job's {@link ResultFile}. Offsets are committed only after the rows of a
 * poll are forced to disk, so a crash re-reads them; the result file's index drops the duplicates. A disk that takes
 * no writes has the poll read again (the {@link TopicConsumer}'s rewind).
 */
final class ResultsConsumer implements TopicConsumer.Handler {
    static final String GROUP = "augur-jobs-results";

    private final JobStore store;
    private final TopicConsumer consumer;

    ResultsConsumer(String topic, KafkaClients clients, JobStore store) {
        this.store = store;
        this.consumer = new TopicConsumer(topic, GROUP, clients, this);
    }

    void start() {
        consumer.start();
    }

    void stop() {
        consumer.stop();
    }

    /** Stores the rows and forces their files; the jobs they complete finish once the offsets are committed. */
    @Override
    public Runnable handle(List<ConsumerRecord<String, byte[]>> records) throws IOException {
        Set<Job> touched = new HashSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            store(r, touched);
        }
        for (Job job : touched) {
            job.results.force();
        }
        return () -> touched.forEach(Job::finishIfDone);
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
}
