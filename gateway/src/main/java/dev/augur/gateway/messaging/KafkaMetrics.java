package dev.augur.gateway.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** What the Kafka path did: records in, answers and dead letters out, retries, requests per merged call. */
@ApplicationScoped
public class KafkaMetrics {
    private final Counter consumed;
    private final Counter answered;
    private final Counter deadLettered;
    private final Counter retried;
    private final DistributionSummary batch;

    public KafkaMetrics(MeterRegistry registry) {
        consumed = Counter.builder("augur.kafka.records").description("Request records consumed").register(registry);
        answered = Counter.builder("augur.kafka.answers").description("Answers written").register(registry);
        deadLettered = Counter.builder("augur.kafka.dead.letters").description("Records sent to the dead-letter topic")
                .register(registry);
        retried = Counter.builder("augur.kafka.retries").description("Calls retried after a passing failure")
                .register(registry);
        batch = DistributionSummary.builder("augur.kafka.batch.requests")
                .description("Requests merged into one call to a component").register(registry);
    }

    void consumed() {
        consumed.increment();
    }

    void answered() {
        answered.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void retried() {
        retried.increment();
    }

    void batched(int requests) {
        batch.record(requests);
    }
}
