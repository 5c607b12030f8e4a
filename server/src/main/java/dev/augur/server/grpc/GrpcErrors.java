package dev.augur.server.grpc;

import dev.augur.protocol.core.ErrorTable;
import dev.augur.protocol.core.InferenceException;
import dev.augur.server.Failures;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The gRPC side of the error table, for every service: every failure of every RPC leaves as a {@link Status} with a
 * description, never UNKNOWN and never a stack trace.
 */
@ApplicationScoped
public class GrpcErrors implements ExceptionHandlerProvider {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    @Override
    public <Q, R> ExceptionHandler<Q, R> createHandler(ServerCall.Listener<Q> listener, ServerCall<Q, R> call,
            Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable t, ServerCall<Q, R> serverCall, Metadata md) {
                StatusException e = toStatusException(t);
                serverCall.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
            }
        };
    }

    @Override
    public Throwable transform(Throwable t) {
        return toStatusException(t);
    }

    /** The status a failure leaves with: the error table's for the error model, a status as it is, else INTERNAL. */
    public static StatusException toStatusException(Throwable t) {
        Throwable cause = Failures.unwrap(t);
        if (cause instanceof InferenceException e) {
            return ErrorTable.grpcStatus(e).asException();
        }
        if (cause instanceof StatusException se) {
            return se;
        }
        if (cause instanceof StatusRuntimeException sre) {
            return new StatusException(sre.getStatus(), sre.getTrailers());
        }
        LOG.error("unexpected gRPC failure", cause);
        return Status.INTERNAL.withDescription("internal error: " + cause.getClass().getSimpleName()).asException();
    }
}
