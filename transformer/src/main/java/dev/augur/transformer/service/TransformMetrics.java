package dev.augur.transformer.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * KServe's transformer metrics, tagged {@code model_name}: {@code request_preprocess_seconds},
 * {@code request_predict_seconds} (the predictor call as the transformer sees it) and
 * {@code request_postprocess_seconds}.
 */
@ApplicationScoped
public class TransformMetrics implements Pipeline.Observer {
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public TransformMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private void record(String stage, String model, long nanos) {
        timers.computeIfAbsent(stage + '\u0000' + model, k -> Timer.builder("request." + stage)
                .description("Time of the " + stage + " stage of one request")
                .tag("model_name", model)
                .publishPercentileHistogram()
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void preprocessed(String model, long nanos) {
        record("preprocess", model, nanos);
    }

    @Override
    public void predicted(String model, long nanos) {
        record("predict", model, nanos);
    }

    @Override
    public void postprocessed(String model, long nanos) {
        record("postprocess", model, nanos);
    }
}
