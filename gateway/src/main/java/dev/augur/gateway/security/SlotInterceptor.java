package dev.augur.gateway.security;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Returns a gRPC call's concurrency slot when the call closes, before its trailers are written (see {@link Slot}):
 * Quarkus' gRPC service writes its headers with the first message, so the response is not yet ended when they go
 * and the slot would otherwise wait for the end handler, after the client may have read the answer. The byte-level
 * ModelInfer ingress does not come here (its answer is one write, which {@link Slot} covers).
 */
@GlobalInterceptor
@ApplicationScoped
public class SlotInterceptor implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Quotas.Ticket ticket = Caller.ticket();
        if (ticket == null) {
            return next.startCall(call, headers);
        }
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                ticket.release();
                super.close(status, trailers);
            }
        }, headers);
    }
}
