package dev.augur.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * The only client headers that travel on to a component, as gRPC metadata: the request id, the W3C trace context
 * and the credentials. Everything else a client sends stays at the caller. A value longer than its bound, or with a
 * character outside printable ASCII, is not forwarded: the component's gRPC server refuses a header list over 8 KiB
 * (grpc-java's default), which would fail the call for a header the component may not even read.
 */
public record Forwarded(String requestId, String traceparent, String authorization) {
    public static final String REQUEST_ID = "x-request-id";
    public static final String TRACEPARENT = "traceparent";
    public static final String AUTHORIZATION = "authorization";

    /** Nothing to forward (a transformer's or explainer's own calls). */
    public static final Forwarded NONE = new Forwarded(null, null, null);

    /** Bounds of a forwarded value, in characters; together well under the component's 8 KiB of metadata. */
    public static final int MAX_REQUEST_ID = 256;
    /** W3C's version 00 is 55 characters; later versions may append fields. */
    public static final int MAX_TRACEPARENT = 512;
    /** A bearer token (a JWT with its claims) fits; a header meant to exhaust the component's limit does not. */
    public static final int MAX_AUTHORIZATION = 4096;

    static final Metadata.Key<String> REQUEST_ID_KEY = key(REQUEST_ID);
    static final Metadata.Key<String> TRACEPARENT_KEY = key(TRACEPARENT);
    static final Metadata.Key<String> AUTHORIZATION_KEY = key(AUTHORIZATION);

    /** Carries the headers of one call from the stub to {@link #INTERCEPTOR}, without a stub per request. */
    static final CallOptions.Key<Forwarded> OPTION = CallOptions.Key.create("augur-forwarded");

    /** Installed once per channel: writes the call's forwarded headers into its metadata. */
    static final ClientInterceptor INTERCEPTOR = new ClientInterceptor() {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                Channel next) {
            Forwarded f = options.getOption(OPTION);
            ClientCall<Q, R> call = next.newCall(method, options);
            if (f == null) {
                return call;
            }
            return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    f.writeTo(headers);
                    super.start(listener, headers);
                }
            };
        }
    };

    /** Puts the values that are within their bounds into {@code headers}. */
    void writeTo(Metadata headers) {
        put(headers, REQUEST_ID_KEY, requestId, MAX_REQUEST_ID);
        put(headers, TRACEPARENT_KEY, traceparent, MAX_TRACEPARENT);
        put(headers, AUTHORIZATION_KEY, authorization, MAX_AUTHORIZATION);
    }

    /** Whether {@code value} is forwarded under a bound of {@code max} characters. */
    public static boolean forwardable(String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static void put(Metadata headers, Metadata.Key<String> key, String value, int max) {
        if (forwardable(value, max)) {
            headers.put(key, value);
        }
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
