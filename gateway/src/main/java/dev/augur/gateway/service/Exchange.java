package dev.augur.gateway.service;

import dev.augur.client.Forwarded;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client request as the gateway tracks it: the id and headers it forwards, and what routing learnt (service,
 * component, revision) for the response headers, the metrics and the access-log line.
 */
public final class Exchange {
    private final Protocol protocol;
    private final String method;
    private final String path;
    /** What calls to components forward; its traceparent becomes the gateway's client span's when tracing. */
    private volatile Forwarded forwarded;
    /** The server span, when tracing ({@link ExchangeTracing}). */
    private volatile io.opentelemetry.api.trace.Span span;
    private final long startNanos = System.nanoTime();
    private volatile String service;
    private volatile String component;
    private volatile String revision;
    private volatile byte[] requestBody;
    private volatile byte[] responseBody;

    private Exchange(Protocol protocol, String method, String path, Forwarded forwarded) {
        this.protocol = protocol;
        this.method = method;
        this.path = path;
        this.forwarded = forwarded;
    }

    /** Opens an exchange; a missing or blank {@code x-request-id} gets a generated one, as KServe's ingress does. */
    public static Exchange open(Protocol protocol, String method, String path, String requestId, String traceparent,
            String authorization) {
        String id = requestId == null || requestId.isBlank() ? randomId() : requestId;
        return new Exchange(protocol, method, path, new Forwarded(id, traceparent, authorization));
    }

    /**
     * A version-4 UUID from a thread-local generator: request ids must be unique, not unguessable, and
     * {@code UUID.randomUUID()} takes SecureRandom's lock on every request.
     */
    static String randomId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    public String requestId() {
        return forwarded.requestId();
    }

    public Forwarded forwarded() {
        return forwarded;
    }

    public Protocol protocol() {
        return protocol;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public long startNanos() {
        return startNanos;
    }

    /** The InferenceService, once resolved (null before: unknown services are not metric labels). */
    public String service() {
        return service;
    }

    void service(String name) {
        this.service = name;
    }

    public String component() {
        return component;
    }

    void component(String name) {
        this.component = name;
    }

    /** The revision that answered, for the {@code x-augur-revision} header; null when none was called. */
    public String revision() {
        return revision;
    }

    void revision(String name) {
        this.revision = name;
    }

    io.opentelemetry.api.trace.Span span() {
        return span;
    }

    void span(io.opentelemetry.api.trace.Span s) {
        this.span = s;
    }

    /** The next component call forwards this trace context instead of the client's. */
    void forwardTrace(String traceparent) {
        Forwarded f = forwarded;
        this.forwarded = new Forwarded(f.requestId(), traceparent, f.authorization());
    }

    /** The request body as it arrived, kept for payload logging (inference calls over REST). */
    public void requestBody(byte[] body) {
        this.requestBody = body;
    }

    public byte[] requestBody() {
        return requestBody;
    }

    /** The response body as it was sent, kept for payload logging. */
    public void responseBody(byte[] body) {
        this.responseBody = body;
    }

    public byte[] responseBody() {
        return responseBody;
    }
}
