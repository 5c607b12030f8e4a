package dev.augur.gateway.console;

import dev.augur.gateway.config.ConsoleConfig;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The last minutes of the gateway's own metrics, sampled in-process from Micrometer for the console's charts (no
 * Prometheus needed): per InferenceService, requests per second, p50/p99 latency and errors per second by code, from
 * {@code gateway_request_seconds}; and the mean number of requests the Kafka path merged into one call, from
 * {@code augur_kafka_batch_requests}. Each point covers one sample interval: the difference of the cumulative
 * counters and histograms between two samples.
 */
@ApplicationScoped
public class MetricsHistory {
    /** The series summing every service. */
    public static final String ALL = "*";

    /**
     * One sample interval of one service.
     *
     * @param time   end of the interval, epoch milliseconds
     * @param rps    requests finished per second
     * @param p50    median latency in milliseconds, NaN without requests
     * @param p99    99th percentile latency in milliseconds, NaN without requests
     * @param errors per second, by status code (HTTP status or gRPC code), for codes other than 2xx and OK
     */
    public record Point(long time, double rps, double p50, double p99, Map<String, Double> errors) {
    }

    /** Mean requests per merged Kafka call in one interval (NaN when there was none). */
    public record BatchPoint(long time, double meanRequests) {
    }

    private record Snap(long count, double[] cumulative) {
    }

    private record Summary(long count, double total) {
    }

    private static final class Interval {
        long count;
        double[] bounds;
        double[] cumulative;
        final Map<String, Long> errors = new TreeMap<>();
    }

    private final MeterRegistry registry;
    private final Vertx vertx;
    private final long intervalMillis;
    private final int capacity;
    private final Map<Meter.Id, Snap> previous = new HashMap<>();
    private final Map<String, ArrayDeque<Point>> series = new HashMap<>();
    private final ArrayDeque<BatchPoint> batches = new ArrayDeque<>();
    private Summary previousBatch = new Summary(0, 0);
    private long previousTime = System.currentTimeMillis();
    private long timer = -1;

    public MetricsHistory(MeterRegistry registry, Vertx vertx, ConsoleConfig config) {
        this.registry = registry;
        this.vertx = vertx;
        this.intervalMillis = Math.max(100, config.sampleInterval().toMillis());
        this.capacity = (int) Math.max(2, config.history().toMillis() / intervalMillis);
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(intervalMillis, id -> sample());
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public long intervalMillis() {
        return intervalMillis;
    }

    /** Services with a history, {@link #ALL} first. */
    public synchronized List<String> services() {
        List<String> names = new ArrayList<>(series.keySet());
        names.sort((a, b) -> a.equals(ALL) ? -1 : b.equals(ALL) ? 1 : a.compareTo(b));
        return names;
    }

    /** The points of a service, oldest first; empty for one without requests so far. */
    public synchronized List<Point> points(String service) {
        ArrayDeque<Point> s = series.get(service);
        return s == null ? List.of() : List.copyOf(s);
    }

    public synchronized List<BatchPoint> batches() {
        return List.copyOf(batches);
    }

    /** Takes one sample now (the timer calls it; tests may too). */
    public synchronized void sample() {
        long now = System.currentTimeMillis();
        double seconds = Math.max(1, now - previousTime) / 1000.0;
        previousTime = now;
        Map<String, Interval> intervals = new HashMap<>();
        for (Timer t : registry.find("gateway.request").timers()) {
            String service = t.getId().getTag("isvc");
            String code = t.getId().getTag("code");
            HistogramSnapshot snapshot = t.takeSnapshot();
            CountAtBucket[] buckets = snapshot.histogramCounts();
            Snap now1 = new Snap(snapshot.count(), new double[buckets.length]);
            for (int i = 0; i < buckets.length; i++) {
                now1.cumulative()[i] = buckets[i].count();
            }
            Snap before = previous.put(t.getId(), now1);
            long count = now1.count() - (before == null ? 0 : before.count());
            for (String key : new String[] {service, ALL}) {
                Interval in = intervals.computeIfAbsent(key, k -> new Interval());
                add(in, buckets, now1, before, count);
                if (count > 0 && !success(code)) {
                    in.errors.merge(code, count, Long::sum);
                }
            }
        }
        for (Map.Entry<String, Interval> e : intervals.entrySet()) {
            Interval in = e.getValue();
            Map<String, Double> errors = new TreeMap<>();
            in.errors.forEach((code, n) -> errors.put(code, n / seconds));
            double p50 = in.bounds == null ? Double.NaN : Histogram.quantile(in.bounds, in.cumulative, in.count, 0.5);
            double p99 = in.bounds == null ? Double.NaN
                    : Histogram.quantile(in.bounds, in.cumulative, in.count, 0.99);
            append(series.computeIfAbsent(e.getKey(), k -> new ArrayDeque<>()),
                    new Point(now, in.count / seconds, p50, p99, Map.copyOf(errors)));
        }
        DistributionSummary batch = registry.find("augur.kafka.batch.requests").summary();
        if (batch != null) {
            Summary s = new Summary(batch.count(), batch.totalAmount());
            long calls = s.count() - previousBatch.count();
            append(batches, new BatchPoint(now, calls > 0 ? (s.total() - previousBatch.total()) / calls : Double.NaN));
            previousBatch = s;
        }
    }

    private static void add(Interval in, CountAtBucket[] buckets, Snap now, Snap before, long count) {
        in.count += count;
        if (buckets.length == 0) {
            return;
        }
        if (in.bounds == null) {
            in.bounds = new double[buckets.length];
            for (int i = 0; i < buckets.length; i++) {
                in.bounds[i] = buckets[i].bucket(TimeUnit.MILLISECONDS);
            }
            in.cumulative = new double[buckets.length];
        }
        if (in.bounds.length != buckets.length) {
            return; // every gateway.request timer is built with the same bounds; anything else is not merged
        }
        for (int i = 0; i < buckets.length; i++) {
            double b = before == null || before.cumulative().length != buckets.length ? 0 : before.cumulative()[i];
            in.cumulative[i] += Math.max(0, now.cumulative()[i] - b);
        }
    }

    private <T> void append(ArrayDeque<T> points, T point) {
        points.addLast(point);
        while (points.size() > capacity) {
            points.removeFirst();
        }
    }

    /** 2xx HTTP statuses and gRPC OK; everything else is an error of its code. */
    static boolean success(String code) {
        return code == null || code.equals("OK") || (code.length() == 3 && code.charAt(0) == '2');
    }
}
