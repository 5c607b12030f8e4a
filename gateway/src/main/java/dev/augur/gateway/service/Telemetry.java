package dev.augur.gateway.service;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.augur.gateway.config.GatewayConfig;
import dev.augur.isvc.ComponentKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's metrics and access log. Metrics: {@code gateway_request_seconds} (end to end at the gateway, by
 * isvc, component, protocol and code); KServe's {@code request_predict_seconds} / {@code request_explain_seconds}
 * for the component call as the gateway sees it (what KServe's transformer reports for its predictor call), so its
 * dashboards work; {@code gateway_activation_seconds} for requests that waited for a component to start. Access
 * log: one JSON line per request on standard output ({@link AccessLog}).
 */
@Singleton
public class Telemetry {
    /** Services that did not resolve share one label value: client-chosen names must not create series. */
    static final String UNKNOWN = "unknown";

    private record Key(String name, String a, String b, String c, String d) {
    }

    private final MeterRegistry registry;
    private final AccessLog accessLog;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final ExchangeListener listener;
    private final ExchangeTracing tracing;

    @PreDestroy
    void close() {
        if (accessLog != null) {
            accessLog.close();
        }
    }

    public Telemetry(MeterRegistry registry, GatewayConfig config, ExchangeListener listener,
            ExchangeTracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
        this.accessLog = config.gateway().accessLog() ? new AccessLog(registry) : null;
        this.listener = listener;
    }

    /**
     * The end of a request.
     *
     * @param httpStatus the HTTP status sent (200 for every gRPC response)
     * @param grpcStatus the gRPC status code name, or null for REST
     */
    public void finished(Exchange ex, int httpStatus, String grpcStatus) {
        long nanos = System.nanoTime() - ex.startNanos();
        String code = grpcStatus != null ? grpcStatus : Integer.toString(httpStatus);
        String service = ex.service() == null ? UNKNOWN : ex.service();
        String component = ex.component() == null ? "none" : ex.component();
        timers.computeIfAbsent(new Key("gateway.request", service, component, ex.protocol().label(), code),
                k -> latency(Timer.builder("gateway.request")
                        .description("Requests at the gateway, arrival to response")
                        .tag("isvc", k.a()).tag("component", k.b()).tag("protocol", k.c()).tag("code", k.d())))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (accessLog != null) {
            accessLog.add(accessLine(ex, httpStatus, grpcStatus, nanos));
        }
        tracing.finished(ex, httpStatus, grpcStatus);
        listener.finished(ex, httpStatus);
    }

    /** A call to a component: KServe's name for the step it performs. */
    void component(String service, ComponentKind kind, String revision, long nanos) {
        String name = kind == ComponentKind.EXPLAINER ? "request.explain" : "request.predict";
        timers.computeIfAbsent(new Key(name, service, kind.field(), revision, null),
                k -> latency(Timer.builder(name)
                        .description("Component call as seen by the gateway (KServe's name for the step)")
                        .tag("model_name", k.a()).tag("component", k.b()).tag("revision", k.c())))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A latency histogram from 0.1 ms to 60 s, the range of the gateway's requests and component calls. */
    private Timer latency(Timer.Builder timer) {
        return timer.publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
    }

    /** A request that waited for its component to start (scale from zero, first rollout). */
    void activation(String service, String component, long nanos) {
        timers.computeIfAbsent(new Key("gateway.activation", service, component, null, null),
                k -> Timer.builder("gateway.activation")
                        .description("Time requests waited for a component to become ready")
                        .tag("isvc", k.a()).tag("component", k.b())
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    static String accessLine(Exchange ex, int httpStatus, String grpcStatus, long nanos) {
        StringBuilder b = new StringBuilder(256).append('{');
        b.append("\"time\":\"");
        time(b, System.currentTimeMillis());
        b.append("\",");
        field(b, "request_id", ex.requestId()).append(',');
        field(b, "isvc", ex.service()).append(',');
        field(b, "component", ex.component()).append(',');
        field(b, "revision", ex.revision()).append(',');
        field(b, "protocol", ex.protocol().label()).append(',');
        field(b, "method", ex.method()).append(',');
        field(b, "path", ex.path()).append(',');
        b.append("\"status\":").append(httpStatus).append(',');
        if (grpcStatus != null) {
            field(b, "grpc_status", grpcStatus).append(',');
        }
        b.append("\"latency_ms\":");
        millis(b, nanos);
        return b.append('}').toString();
    }

    /** Milliseconds with three decimals, without String.format's parsing on every request. */
    static void millis(StringBuilder b, long nanos) {
        long micros = Math.max(0, (nanos + 500) / 1000);
        b.append(micros / 1000).append('.');
        long frac = micros % 1000;
        if (frac < 100) {
            b.append('0');
        }
        if (frac < 10) {
            b.append('0');
        }
        b.append(frac);
    }

    /** The second the last line was written in, formatted once: formatting a timestamp per request was visible. */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second second = new Second(Long.MIN_VALUE, "");

    /** UTC, ISO-8601 with milliseconds: {@code 2026-11-28T12:00:00.123Z}. */
    static void time(StringBuilder b, long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second s = second;
        if (s.epochSecond() != epochSecond) {
            s = new Second(epochSecond, DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC)));
            second = s;
        }
        int ms = (int) Math.floorMod(epochMillis, 1000);
        b.append(s.text()).append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10))
                .append((char) ('0' + ms % 10)).append('Z');
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        if (value == null) {
            return b.append("null");
        }
        b.append('"');
        if (plain(value)) {
            b.append(value);
        } else {
            JsonStringEncoder.getInstance().quoteAsString(value, b);
        }
        return b.append('"');
    }

    /** Printable ASCII without quote or backslash (ids, names, paths as they usually are): nothing to escape. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
