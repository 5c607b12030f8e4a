package dev.augur.gateway.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jboss.logging.Logger;

/**
 * The events bound for one sink: a bounded queue and its own sender threads, so a dead or slow sink fills only its
 * own queue and the loggers of other services keep flowing.
 */
final class Channel {
    private static final Logger LOG = Logger.getLogger(Channel.class);

    /** What happened to events, for the metrics. */
    interface Outcomes {
        void sent();

        void dropped();

        void failed();
    }

    private final String url;
    private final EventSink sink;
    private final BlockingQueue<CloudEvent> queue;
    private final Outcomes outcomes;
    private final List<Thread> senders = new ArrayList<>();

    Channel(String url, EventSink sink, int queueSize, int senderCount, Outcomes outcomes) {
        this.url = url;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.outcomes = outcomes;
        for (int i = 0; i < senderCount; i++) {
            Thread t = new Thread(this::send, "payload-logging-" + i + " " + url);
            t.setDaemon(true);
            t.start();
            senders.add(t);
        }
    }

    /** Never blocks: a full queue drops the event. */
    void offer(CloudEvent event) {
        if (!queue.offer(event)) {
            outcomes.dropped();
        }
    }

    int queued() {
        return queue.size();
    }

    private void send() {
        while (!Thread.currentThread().isInterrupted()) {
            CloudEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                sink.send(event).whenComplete((ok, error) -> {
                    if (error == null) {
                        outcomes.sent();
                    } else {
                        failed(event, error);
                    }
                });
            } catch (RuntimeException e) {
                failed(event, e);
            }
        }
    }

    private void failed(CloudEvent event, Throwable why) {
        outcomes.failed();
        LOG.debugf("payload event %s (%s) to %s not delivered: %s", event.id(), event.type(), url, why);
    }

    void close() {
        senders.forEach(Thread::interrupt);
        sink.close();
    }
}
