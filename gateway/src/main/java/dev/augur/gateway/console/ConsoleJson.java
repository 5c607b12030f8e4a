package dev.augur.gateway.console;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.augur.catalog.CatalogStatus;
import dev.augur.gateway.graph.GraphDirectory;
import dev.augur.isvc.Component;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.Container;
import dev.augur.isvc.InferenceService;
import dev.augur.protocol.core.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's own JSON (not a protocol: only the console's scripts and {@code augur status} read it): the service
 * table with each service's spec beside its revisions, the graph table, and the metrics history. Written with the
 * protocol's one JSON writer ({@link Json#write}).
 */
public final class ConsoleJson {
    private ConsoleJson() {
    }

    /**
     * {@code {"services": [{"name", "namespace", "source", "ready", "revisions": [...]}], "errors": [...]}}: the
     * catalog's status as {@code GET /augur/services} shows it ({@code ./augur status} reads it).
     */
    public static byte[] services(CatalogStatus status) {
        return services(status, null);
    }

    /**
     * The {@link #services(CatalogStatus)} view plus each service's {@code "components": {"predictor": {spec}, ...}}
     * when {@code specs} is given: model format and version, protocol, storage, replicas, scale-to-zero, canary
     * percent, containers' images.
     */
    public static byte[] services(CatalogStatus status, List<InferenceService> specs) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("services");
            for (CatalogStatus.Service s : status.services()) {
                startObject(g, s.name(), s.namespace(), s.source());
                g.writeBooleanField("ready", s.ready());
                if (specs != null) {
                    components(g, specs.stream().filter(i -> i.name().equals(s.name())).findFirst());
                }
                g.writeArrayFieldStart("revisions");
                for (CatalogStatus.Revision r : s.revisions()) {
                    g.writeStartObject();
                    g.writeStringField("component", r.component());
                    g.writeStringField("name", r.name());
                    g.writeStringField("state", r.state());
                    g.writeNumberField("percent", r.percent());
                    g.writeNumberField("pid", r.pid());
                    g.writeNumberField("port", r.port());
                    g.writeStringField("reason", r.reason());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            Json.writeStrings(g, "errors", status.errors());
            g.writeEndObject();
        });
    }

    /**
     * {@code {"graphs": [{"name", "namespace", "source", "url", "ready", "waitingFor": [...]}]}}: the InferenceGraphs
     * as {@code GET /augur/graphs} lists them for {@code augur status}.
     */
    public static byte[] graphs(List<GraphDirectory.Status> graphs) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("graphs");
            for (GraphDirectory.Status s : graphs) {
                startObject(g, s.name(), s.namespace(), s.source());
                g.writeStringField("url", s.url());
                g.writeBooleanField("ready", s.ready());
                Json.writeStrings(g, "waitingFor", s.waitingFor());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Opens the object of something the catalog read: its name, namespace, and the file or object it came from. */
    private static void startObject(JsonGenerator g, String name, String namespace, String source)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("namespace", namespace);
        g.writeStringField("source", source);
    }

    private static void components(JsonGenerator g, Optional<InferenceService> spec) throws IOException {
        g.writeObjectFieldStart("components");
        if (spec.isPresent()) {
            for (ComponentKind kind : ComponentKind.values()) {
                Optional<Component> c = spec.get().component(kind);
                if (c.isPresent()) {
                    g.writeFieldName(kind.field());
                    component(g, c.get());
                }
            }
        }
        g.writeEndObject();
    }

    private static void component(JsonGenerator g, Component c) throws IOException {
        g.writeStartObject();
        if (c.model() != null) {
            g.writeStringField("format", c.model().format());
            g.writeStringField("format_version", c.model().formatVersion());
            g.writeStringField("storage_uri", c.model().storageUri());
            g.writeStringField("protocol", c.model().protocolVersion() == null ? null
                    : c.model().protocolVersion().value());
            g.writeStringField("runtime_version", c.model().runtimeVersion());
        }
        Json.writeStrings(g, "images", c.containers().stream().map(Container::image).toList());
        g.writeNumberField("min_replicas", c.minReplicas());
        g.writeNumberField("max_replicas", c.maxReplicas());
        g.writeBooleanField("scale_to_zero", c.minReplicas() == 0);
        if (c.canaryTrafficPercent() != null) {
            g.writeNumberField("canary_traffic_percent", c.canaryTrafficPercent());
        }
        if (c.timeout() != null) {
            g.writeNumberField("timeout", c.timeout());
        }
        g.writeNumberField("container_concurrency", c.containerConcurrency());
        g.writeEndObject();
    }

    /**
     * {@code {"interval_ms": 2000, "services": {"<isvc>": [{"t", "rps", "p50_ms", "p99_ms", "errors": {code: per
     * second}}]}, "kafka_batch": [{"t", "mean"}]}}; {@code "*"} sums every service. Unknown values are null.
     */
    public static byte[] metrics(MetricsHistory history, String only) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeNumberField("interval_ms", history.intervalMillis());
            g.writeObjectFieldStart("services");
            for (String service : history.services()) {
                if (only != null && !only.equals(service)) {
                    continue;
                }
                g.writeArrayFieldStart(service);
                for (MetricsHistory.Point p : history.points(service)) {
                    g.writeStartObject();
                    g.writeNumberField("t", p.time());
                    number(g, "rps", p.rps());
                    number(g, "p50_ms", p.p50());
                    number(g, "p99_ms", p.p99());
                    g.writeObjectFieldStart("errors");
                    for (Map.Entry<String, Double> e : p.errors().entrySet()) {
                        number(g, e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("kafka_batch");
            for (MetricsHistory.BatchPoint b : history.batches()) {
                g.writeStartObject();
                g.writeNumberField("t", b.time());
                number(g, "mean", b.meanRequests());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        g.writeFieldName(field);
        if (Double.isFinite(v)) {
            g.writeNumber(Math.round(v * 1000) / 1000.0);
        } else {
            g.writeNull();
        }
    }
}
