package dev.augur.gateway.graph;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per node and per step of every graph: {@code augur_graph_node_seconds} and {@code augur_graph_step_seconds}
 * (timers: their count is the requests, the {@code code} tag tells errors from successes, the histogram the latency),
 * tagged {@code graph}, {@code node}, {@code step} (name or index) and {@code code} (HTTP status). Tags come from the
 * spec, never from clients, so series stay bounded.
 */
@ApplicationScoped
public class GraphMetrics {
    private record Key(String name, String graph, String node, String step, int code) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    public GraphMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void node(String graph, String node, int code, long nanos) {
        timer(new Key("augur.graph.node", graph, node, null, code)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void step(String graph, String node, String step, int code, long nanos) {
        timer(new Key("augur.graph.step", graph, node, step, code)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return timers.computeIfAbsent(key, k -> {
            Timer.Builder b = Timer.builder(k.name())
                    .description(k.step() == null ? "InferenceGraph nodes, start to answer"
                            : "InferenceGraph steps, start to answer")
                    .tag("graph", k.graph()).tag("node", k.node()).tag("code", Integer.toString(k.code()))
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                    .maximumExpectedValue(Duration.ofSeconds(60));
            if (k.step() != null) {
                b.tag("step", k.step());
            }
            return b.register(registry);
        });
    }
}
