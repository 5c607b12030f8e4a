package dev.augur.gateway.messaging;

import java.time.Duration;
import java.util.ArrayList;
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
 * One consumer group on one requests topic, on its own thread: poll, answer every record of the poll, and only
 * then commit. A crash before the commit means the records are read again (at least once); a failed write rewinds
 * to the last commit instead of skipping records.
 */
final class TopicConsumer implements Runnable {
    private static final Logger LOG = Logger.getLogger(TopicConsumer.class);

    private final String topic;
    private final String group;
    private final Properties props;
    private final RecordProcessor processor;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;

    TopicConsumer(String topic, String group, String bootstrap, int maxPollRecords, RecordProcessor processor) {
        this.topic = topic;
        this.group = group;
        this.processor = processor;
        props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Requests submitted while no consumer ran (first start, after a crash) must still be answered.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "augur-gateway-" + group);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        thread = new Thread(this, "kafka-" + group);
        thread.setDaemon(true);
    }

    String topic() {
        return topic;
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            consumer = c;
            c.subscribe(List.of(topic));
            LOG.infof("consuming %s as group %s", topic, group);
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
                records.forEach(list::add);
                try {
                    processor.process(list).get();
                    c.commitSync();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    LOG.errorf("could not write the results of %d records from %s (%s); reading them again",
                            list.size(), topic, e.getCause() == null ? e : e.getCause());
                    rewind(c, records.partitions());
                    sleep(1000);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll.
        } catch (RuntimeException e) {
            LOG.errorf(e, "consumer of %s stopped", topic);
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

    /** Finishes the poll in hand (answers written and committed), then stops. */
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive() && c != null) {
            c.wakeup();
        }
    }
}
