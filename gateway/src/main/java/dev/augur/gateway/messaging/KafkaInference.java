package dev.augur.gateway.messaging;

import dev.augur.catalog.ServiceCatalog;
import dev.augur.gateway.config.GatewayConfig;
import dev.augur.gateway.graph.GraphRouter;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Telemetry;
import dev.augur.isvc.InferenceService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * The asynchronous path: requests arrive on Kafka topics and are answered on the responses topic (or the
 * request's reply topic), routed exactly like HTTP requests. One consumer group reads the shared requests topic;
 * each InferenceService with its own topic (annotation {@value #TOPIC_ANNOTATION}) gets its own group, so its
 * partitions scale its consumers on their own.
 */
@ApplicationScoped
public class KafkaInference {
    private static final Logger LOG = Logger.getLogger(KafkaInference.class);
    /** An InferenceService annotation naming the topic its requests arrive on. */
    public static final String TOPIC_ANNOTATION = "augur.dev/kafka-topic";
    static final String SHARED_GROUP = "augur-gateway";

    private final GatewayConfig.Kafka config;
    private final ServiceCatalog catalog;
    private final Router router;
    private final Telemetry telemetry;
    private final KafkaMetrics metrics;
    private final GraphRouter graphs;
    private final KafkaClients clients;
    private final Map<String, TopicConsumer> consumers = new ConcurrentHashMap<>();
    private Producer<String, byte[]> producer;
    private RecordProcessor processor;
    private ScheduledExecutorService watcher;

    public KafkaInference(GatewayConfig config, ServiceCatalog catalog, Router router, Telemetry telemetry,
            KafkaMetrics metrics, GraphRouter graphs, KafkaClients clients) {
        this.clients = clients;
        this.graphs = graphs;
        this.config = config.kafka();
        this.catalog = catalog;
        this.router = router;
        this.telemetry = telemetry;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        producer = clients.answers();
        ResultWriter writer = new ResultWriter(producer, config.responsesTopic(), config.deadLetterTopic(), metrics);
        processor = new RecordProcessor(router, telemetry, writer, metrics, config, r -> false,
                new GraphRecords(catalog, graphs, writer, telemetry));
        subscribe(config.requestsTopic(), SHARED_GROUP);
        reconcile();
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-topics");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::reconcile, 2, 2, TimeUnit.SECONDS);
    }

    /** Services gain their own consumer group when they declare a topic (the services folder is re-read live). */
    private void reconcile() {
        try {
            for (InferenceService s : catalog.services()) {
                String topic = s.annotations().get(TOPIC_ANNOTATION);
                if (topic != null && !topic.isBlank()) {
                    subscribe(topic, "augur-" + s.name());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not read the services for their topics: %s", e.getMessage());
        }
    }

    private void subscribe(String topic, String group) {
        consumers.computeIfAbsent(group, g -> {
            TopicConsumer c = TopicConsumer.answering(topic, g, clients, processor);
            c.start();
            return c;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (watcher != null) {
            watcher.shutdownNow();
        }
        consumers.values().forEach(TopicConsumer::stop);
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(10));
        }
    }
}
