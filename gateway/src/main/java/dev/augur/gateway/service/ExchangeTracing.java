package dev.augur.gateway.service;

import dev.augur.catalog.Endpoint;
import dev.augur.isvc.ComponentKind;
import dev.augur.telemetry.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's spans, made at the exchange rather than by Quarkus' HTTP or gRPC instrumentation (turned off in the
 * gateway), so REST, both gRPC paths (the byte-level ModelInfer never reaches Quarkus' gRPC service), OpenAI and
 * Kafka records get the same two spans: a server span per request, {@code <protocol> <isvc>}, continuing the
 * client's (or the Kafka record's) {@code traceparent}; and a client span per component call,
 * {@code <isvc>-<component> <rpc>}, whose context is what the call forwards. When tracing is off every method
 * returns at its first line.
 */
@Singleton
public class ExchangeTracing {
    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final boolean enabled;
    private final Tracer tracer;

    public ExchangeTracing(OpenTelemetry otel) {
        this.enabled = Tracing.enabled();
        this.tracer = otel.getTracer("dev.augur.gateway");
    }

    /** The exchange's server span, started when it arrived (made on first need: routing has named the service). */
    private Span server(Exchange ex) {
        Span span = ex.span();
        if (span != null) {
            return span;
        }
        synchronized (ex) {
            if (ex.span() == null) {
                String traceparent = ex.forwarded().traceparent();
                Context parent = traceparent == null ? Context.root()
                        : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
                String service = ex.service() == null ? Telemetry.UNKNOWN : ex.service();
                ex.span(tracer.spanBuilder(ex.protocol().label() + " " + service).setParent(parent)
                        .setSpanKind(ex.protocol() == Protocol.KAFKA ? SpanKind.CONSUMER : SpanKind.SERVER)
                        .setStartTimestamp(epochNanos(ex.startNanos()), TimeUnit.NANOSECONDS)
                        .setAttribute("augur.isvc", service)
                        .setAttribute("augur.protocol", ex.protocol().label())
                        .setAttribute("augur.request_id", ex.requestId())
                        .setAttribute("url.path", ex.path())
                        .startSpan());
            }
            return ex.span();
        }
    }

    /**
     * Opens the client span of a call to a component and makes the exchange forward its context; the returned span
     * (null when tracing is off) is ended by {@link #called}.
     */
    Span calling(Exchange ex, ComponentKind kind, Endpoint e, String rpc) {
        if (!enabled) {
            return null;
        }
        Span parent = server(ex);
        Span call = tracer.spanBuilder(e.component() + " " + rpc).setParent(Context.root().with(parent))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("augur.isvc", ex.service())
                .setAttribute("augur.component", kind.field())
                .setAttribute("augur.revision", e.revision())
                .setAttribute("rpc.system", "grpc")
                .setAttribute("server.address", e.host())
                .setAttribute("server.port", e.port())
                .startSpan();
        ex.forwardTrace(traceparent(call.getSpanContext()));
        return call;
    }

    void called(Span call, Throwable error) {
        if (call == null) {
            return;
        }
        if (error != null) {
            call.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
        }
        call.end();
    }

    /** Ends the exchange's server span with its outcome. */
    void finished(Exchange ex, int httpStatus, String grpcStatus) {
        if (!enabled) {
            return;
        }
        Span span = server(ex);
        span.updateName(ex.protocol().label() + " " + (ex.service() == null ? Telemetry.UNKNOWN : ex.service()));
        span.setAttribute("augur.isvc", ex.service() == null ? Telemetry.UNKNOWN : ex.service());
        if (ex.component() != null) {
            span.setAttribute("augur.component", ex.component());
        }
        if (ex.revision() != null) {
            span.setAttribute("augur.revision", ex.revision());
        }
        span.setAttribute("http.response.status_code", httpStatus);
        if (grpcStatus != null) {
            span.setAttribute("rpc.grpc.status_code", grpcStatus);
        }
        boolean failed = grpcStatus != null ? !"OK".equals(grpcStatus) : httpStatus >= 500;
        if (failed) {
            span.setStatus(StatusCode.ERROR, grpcStatus != null ? grpcStatus : Integer.toString(httpStatus));
        }
        span.end();
    }

    /** W3C trace context version 00: {@code 00-<trace id>-<span id>-<flags>}. */
    static String traceparent(SpanContext c) {
        return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
    }

    private static long epochNanos(long startNanos) {
        return System.currentTimeMillis() * 1_000_000L - (System.nanoTime() - startNanos);
    }
}
