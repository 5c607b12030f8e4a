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
 * {@link Forwarded}) travels beside it unchanged, and neither replaces the other. A call that forwards no client
 * credential (a transformer or explainer calling its predictor back through the gateway) presents the token as its
 * bearer credential too, so a gateway with security on admits it as its own component rather than as an anonymous
 * caller; every component of the run already holds that token.
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
                Forwarded f = options.getOption(Forwarded.OPTION);
                if (f == null || !Forwarded.forwardable(f.authorization(), Forwarded.MAX_AUTHORIZATION)) {
                    headers.removeAll(Forwarded.AUTHORIZATION_KEY);
                    headers.put(Forwarded.AUTHORIZATION_KEY, "Bearer " + token);
                }
                super.start(listener, headers);
            }
        };
    }
}
