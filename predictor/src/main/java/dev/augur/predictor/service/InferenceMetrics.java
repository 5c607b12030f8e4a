package dev.augur.predictor.service;

import dev.augur.predictor.repository.ModelVersion;
import dev.augur.protocol.core.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * KServe's metric names, so its dashboards work: {@code request_predict_seconds} (histogram, tagged
 * {@code model_name} and {@code model_version}) and {@code request_total} by model and status code.
 */
@ApplicationScoped
public class InferenceMetrics implements ModelVersion.Observer {
    private final MeterRegistry registry;
    private final Map<String, Timer> predict = new ConcurrentHashMap<>();
    private final Map<String, Counter> counts = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> batches = new ConcurrentHashMap<>();

    public InferenceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void batched(String model, int rows) {
        batches.computeIfAbsent(model, k -> DistributionSummary.builder("augur.batch.size")
                .description("Rows per runtime call made by the dynamic batcher")
                .tag("model_name", model)
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(1024.0)
                .register(registry)).record(rows);
    }

    @Override
    public void predicted(String model, String version, long nanos) {
        predict.computeIfAbsent(model + '\u0000' + version, k -> Timer.builder("request.predict")
                .description("Time the model's runtime took for one request")
                .tag("model_name", model)
                .tag("model_version", version)
                .publishPercentileHistogram()
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void count(String model, ErrorCode error) {
        String code = error == null ? "OK" : error.name();
        counts.computeIfAbsent(model + '\u0000' + code, k -> Counter.builder("request")
                .description("Inference requests by model and outcome")
                .tag("model_name", model)
                .tag("code", code)
                .register(registry)).increment();
    }
}
