package dev.augur.gateway.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector's trace receiver, in this JVM: OTLP over HTTP with protobuf bodies ({@code POST
 * /v1/traces} with an {@code ExportTraceServiceRequest}, opentelemetry-proto's classes), on a free loopback port.
 * The gateway and every component process of the suite export to it; tests read back the spans of their traces.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One received span, its ids as hex as in a {@code traceparent}. */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
            Map<String, String> attributes) {
    }

    private static OtlpReceiver shared;

    private final HttpServer server;
    private final List<Span> spans = new ArrayList<>();

    private OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::export);
        server.start();
    }

    /** The suite's receiver, started on first use. */
    static synchronized OtlpReceiver shared() {
        if (shared == null) {
            try {
                shared = new OtlpReceiver();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void export(HttpExchange ex) throws IOException {
        try (ex) {
            InputStream in = ex.getRequestBody();
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in);
            List<Span> got = new ArrayList<>();
            for (ResourceSpans rs : request.getResourceSpansList()) {
                String service = attributes(rs.getResource().getAttributesList()).get("service.name");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (var s : ss.getSpansList()) {
                        got.add(new Span(service, hex(s.getTraceId().toByteArray()), hex(s.getSpanId().toByteArray()),
                                hex(s.getParentSpanId().toByteArray()), s.getName(), s.getKind().name(),
                                attributes(s.getAttributesList())));
                    }
                }
            }
            synchronized (spans) {
                spans.addAll(got);
                spans.notifyAll();
            }
            byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                ex.getResponseBody().write(body);
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        Map<String, String> out = new HashMap<>();
        for (KeyValue kv : list) {
            AnyValue v = kv.getValue();
            out.put(kv.getKey(), switch (v.getValueCase()) {
                case STRING_VALUE -> v.getStringValue();
                case INT_VALUE -> Long.toString(v.getIntValue());
                case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
                default -> v.toString();
            });
        }
        return out;
    }

    private static String hex(byte[] b) {
        return b.length == 0 ? "" : HexFormat.of().formatHex(b);
    }

    /** The spans of a trace once {@code done} holds for them, failing after {@code timeout}. */
    List<Span> await(String traceId, Duration timeout, Predicate<List<Span>> done) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (spans) {
            while (true) {
                List<Span> trace = spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
                if (done.test(trace)) {
                    return trace;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("trace " + traceId + " incomplete after " + timeout + ": " + trace);
                }
                spans.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
