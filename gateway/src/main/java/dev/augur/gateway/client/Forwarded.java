package dev.augur.gateway.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * The only client headers that travel on to a component, as gRPC metadata: the request id, the W3C trace context
 * and the credentials. Everything else a client sends stays at the gateway.
 */
public record Forwarded(String requestId, String traceparent, String authorization) {
    public static final String REQUEST_ID = "x-request-id";
    public static final String TRACEPARENT = "traceparent";
    public static final String AUTHORIZATION = "authorization";

    static final Metadata.Key<String> REQUEST_ID_KEY = Metadata.Key.of(REQUEST_ID, Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> TRACEPARENT_KEY = Metadata.Key.of(TRACEPARENT,
            Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION_KEY = Metadata.Key.of(AUTHORIZATION,
            Metadata.ASCII_STRING_MARSHALLER);

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
                    put(headers, REQUEST_ID_KEY, f.requestId());
                    put(headers, TRACEPARENT_KEY, f.traceparent());
                    put(headers, AUTHORIZATION_KEY, f.authorization());
                    super.start(listener, headers);
                }
            };
        }
    };

    private static void put(Metadata headers, Metadata.Key<String> key, String value) {
        if (value != null && !value.isEmpty()) {
            headers.put(key, value);
        }
    }
}
