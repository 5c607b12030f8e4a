package dev.augur.gateway.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One consumer group on one topic, on its own thread: poll, hand every record of the poll to the handler, and only
 * then commit. A crash before the commit means the records are read again (at least once); a failed handler rewinds
 * to the last commit instead of skipping records. The Kafka path's requests and the jobs' results both run on it.
 */
public final class TopicConsumer implements Runnable {
    private static final Logger LOG = Logger.getLogger(TopicConsumer.class);

    /** What one poll's records go through. */
    public interface Handler {
        /**
         * Handles the records; throws to have them read again (after a second), returns what to run once their
         * offsets are committed.
         */
        Runnable handle(List<ConsumerRecord<String, byte[]>> records) throws Exception;
    }

    private final String topic;
    private final String group;
    private final KafkaClients clients;
    private final Handler handler;
    private volatile boolean running = true;
    private volatile Consumer<String, byte[]> consumer;
    private final Thread thread;

    public TopicConsumer(String topic, String group, KafkaClients clients, Handler handler) {
        this.topic = topic;
        this.group = group;
        this.clients = clients;
        this.handler = handler;
        thread = new Thread(this, "kafka-" + group);
        thread.setDaemon(true);
    }

    /** The Kafka path's consumer: the processor answers the records before they are committed. */
    public static TopicConsumer answering(String topic, String group, KafkaClients clients, RecordProcessor processor) {
        return new TopicConsumer(topic, group, clients, records -> {
            processor.process(records).get();
            return () -> { };
        });
    }

    String topic() {
        return topic;
    }

    public void start() {
        thread.start();
    }

    @Override
    public void run() {
        try (Consumer<String, byte[]> c = clients.consumer(group)) {
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
                Runnable committed;
                try {
                    committed = handler.handle(list);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    LOG.errorf("could not handle %d records from %s (%s); reading them again", list.size(), topic,
                            e.getCause() == null ? e : e.getCause());
                    rewind(c, records.partitions());
                    sleep(1000);
                    continue;
                }
                c.commitSync();
                committed.run();
            }
        } catch (WakeupException e) {
            // stop() woke the poll.
        } catch (RuntimeException e) {
            LOG.errorf(e, "consumer of %s stopped", topic);
        }
    }

    private static void rewind(Consumer<String, byte[]> c, Set<TopicPartition> partitions) {
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
    public void stop() {
        running = false;
        Consumer<String, byte[]> c = consumer;
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
