package dev.augur.client;

import dev.augur.protocol.core.InternalToken;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Writes the caller's internal token ({@value InternalToken#HEADER}) into every call's metadata: the component
 * (local mode) refuses calls without it. It has its own key, so the client's {@code authorization} (forwarded by
 * {@link Forwarded}) travels beside it unchanged, and neither replaces the other.
 */
final class InternalCredential implements ClientInterceptor {
    static final Metadata.Key<String> KEY = Metadata.Key.of(InternalToken.HEADER, Metadata.ASCII_STRING_MARSHALLER);

    private final String token;

    InternalCredential(String token) {
        this.token = token;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                // A value already there came from nowhere trustworthy: this caller's own token is the one sent.
                headers.removeAll(KEY);
                headers.put(KEY, token);
                super.start(listener, headers);
            }
        };
    }
}
