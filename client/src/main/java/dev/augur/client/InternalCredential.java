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
 * <p>
 * Both values are made once, here, not per call: the token is fixed for the run (the supervisor makes one per start
 * of the gateway and nothing rotates it while it runs), so a value cached for the life of this interceptor is exactly
 * the value a call would compute, and holding it longer exposes nothing new: the interceptor already held the token
 * itself. Per call only the two metadata entries are replaced ({@code discardAll}, which makes no list of the old
 * values), so a value a caller put there never travels in place of this one.
 */
final class InternalCredential implements ClientInterceptor {
    static final Metadata.Key<String> KEY = Metadata.Key.of(InternalToken.HEADER, Metadata.ASCII_STRING_MARSHALLER);

    private final String token;
    /** The bearer credential a call without a forwardable client credential presents. */
    private final String bearer;

    InternalCredential(String token) {
        this.token = token;
        this.bearer = "Bearer " + token;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                // A value already there came from nowhere trustworthy: this caller's own token is the one sent.
                headers.discardAll(KEY);
                headers.put(KEY, token);
                Forwarded f = options.getOption(Forwarded.OPTION);
                if (f == null || !Forwarded.forwardable(f.authorization(), Forwarded.MAX_AUTHORIZATION)) {
                    headers.discardAll(Forwarded.AUTHORIZATION_KEY);
                    headers.put(Forwarded.AUTHORIZATION_KEY, bearer);
                }
                super.start(listener, headers);
            }
        };
    }
}
