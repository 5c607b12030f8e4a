package dev.augur.explainer.api.grpc;

import dev.augur.protocol.ErrorTable;
import dev.augur.protocol.InferenceException;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * The gRPC side of the error table: every failure of every RPC becomes a {@link Status} with a description,
 * never UNKNOWN and never a stack trace.
 */
@ApplicationScoped
public class GrpcErrors implements ExceptionHandlerProvider {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    @Override
    public <ReqT, RespT> ExceptionHandler<ReqT, RespT> createHandler(ServerCall.Listener<ReqT> listener,
            ServerCall<ReqT, RespT> call, Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable t, ServerCall<ReqT, RespT> serverCall, Metadata md) {
                StatusException e = (StatusException) transform(t);
                serverCall.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
            }
        };
    }

    @Override
    public Throwable transform(Throwable t) {
        return toStatusException(t);
    }

    static StatusException toStatusException(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
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
