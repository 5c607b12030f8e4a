package dev.augur.gateway.api.grpc;

import dev.augur.client.Forwarded;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.augur.gateway.api.rest.Ingress;
import dev.augur.gateway.graph.GraphGrpc;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Payload;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Telemetry;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.server.grpc.GrpcErrors;

import dev.augur.protocol.grpc.ModelInferWire;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.impl.ContextInternal;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.MessageSizeOverflowException;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.GrpcServerResponse;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * ModelInfer, the call that carries the load, served at the byte level on Vert.x's gRPC server: the message is read
 * only as far as its {@code model_name}, forwarded as the client encoded it and the component's answer returned as
 * it came. The general path ({@link GatewayGrpcService}: Quarkus' bridge to grpc-java, Mutiny, a full decode and
 * re-encode) cost the gateway about 110 µs of CPU per call against about 75 µs this way (BENCHMARKS.md); it still
 * serves every other RPC and compressed ModelInfer calls. Same contract as that path: routing by model name or {@code :authority}, the
 * {@code x-request-id} and {@code x-augur-revision} headers, the deadline, the error table, one telemetry record.
 */
@Singleton
public class ModelInferIngress {
    static final String PATH = "/inference.GRPCInferenceService/ModelInfer";

    private final Router router;
    private final GraphGrpc graphs;
    private final Telemetry telemetry;
    private final GrpcServer server;
    private final long maxMessage;

    public ModelInferIngress(Router router, GraphGrpc graphs, Telemetry telemetry, Vertx vertx,
            @ConfigProperty(name = "quarkus.grpc.server.max-inbound-message-size") int maxMessage) {
        this.router = router;
        this.graphs = graphs;
        this.telemetry = telemetry;
        this.maxMessage = maxMessage;
        this.server = GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(maxMessage))
                .callHandler(this::call);
    }

    /**
     * Ahead of Quarkus' gRPC route (run by the gateway's {@code api.Edge}): takes an uncompressed ModelInfer call
     * (answers true), leaves everything else to the routes (false).
     */
    public boolean take(HttpServerRequest r) {
        if (isPlainModelInfer(r)) {
            server.handle(r);
            return true;
        }
        return false;
    }

    static boolean isPlainModelInfer(HttpServerRequest r) {
        if (r.version() != HttpVersion.HTTP_2 || r.method() != HttpMethod.POST || !PATH.equals(r.path())) {
            return false;
        }
        String type = r.getHeader("content-type");
        String encoding = r.getHeader("grpc-encoding");
        return type != null && (type.equals("application/grpc") || type.startsWith("application/grpc+proto")
                || type.startsWith("application/grpc;"))
                && (encoding == null || encoding.equals("identity"));
    }

    private void call(GrpcServerRequest<Buffer, Buffer> request) {
        Exchange ex = Exchange.open(Protocol.GRPC, "POST", PATH, request.headers().get(Forwarded.REQUEST_ID),
                request.headers().get(Forwarded.TRACEPARENT), request.headers().get(Forwarded.AUTHORIZATION));
        // The HTTP/2 :authority as AuthorityFilter (run before this one) copied it: the gRPC request hides the HTTP one.
        String authority = request.headers().get(AuthorityFilter.HEADER);
        ContextInternal context = ContextInternal.current();
        Deadline deadline = deadline(request.headers().get("grpc-timeout"));
        Call call = new Call(request, ex);
        request.invalidMessageHandler(e -> call.fail(e instanceof MessageSizeOverflowException
                ? new InferenceException(ErrorCode.RESOURCE_EXHAUSTED, "the ModelInferRequest message is larger "
                        + "than the gateway's limit of " + maxMessage + " bytes")
                : InferenceException.invalid("the ModelInfer message cannot be read: " + e.getMessage())));
        // The client went away (stream reset, connection closed): nothing to answer, the call is recorded once.
        request.exceptionHandler(e -> call.abandoned());
        request.handler(message -> {
            if (call.message != null) {
                call.fail(InferenceException.invalid("ModelInfer is unary: the call carried more than one message"));
                return;
            }
            call.message = message;
        });
        request.endHandler(v -> {
            if (call.done) {
                return;
            }
            if (call.message == null) {
                call.fail(InferenceException.invalid("ModelInfer needs one ModelInferRequest message"));
                return;
            }
            CompletableFuture<Buffer> answer;
            try {
                String model = ModelInferWire.modelName(call.message.getByteBuf().nioBuffer());
                if (model.isEmpty()) {
                    throw InferenceException.invalid("the model name is missing");
                }
                var graph = graphs.addressed(authority, model);
                if (graph.isPresent()) {
                    answer = GatewayGrpcService.graph(graphs, ex, graph.get(), parse(call.message))
                            .thenApply(r -> Buffer.buffer(r.toByteArray()));
                } else {
                    answer = router.infer(ex, router.resolve(ex, authority, model), Payload.wire(call.message, model),
                            deadline);
                }
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((response, error) -> {
                // Usually already on the call's event loop (the component channel runs there); not after a wait for
                // a starting component.
                Runnable reply = error != null ? () -> call.fail(error) : () -> call.answer(response);
                if (context.nettyEventLoop().inEventLoop()) {
                    reply.run();
                } else {
                    context.runOnContext(ignored -> reply.run());
                }
            });
        });
    }

    private static ModelInferRequest parse(Buffer message) {
        try {
            return ModelInferRequest.parseFrom(message.getBytes());
        } catch (InvalidProtocolBufferException e) {
            throw InferenceException.invalid("the ModelInfer message cannot be read: " + e.getMessage());
        }
    }

    /** One call's answer, sent once. */
    private final class Call {
        private final GrpcServerRequest<Buffer, Buffer> request;
        private final Exchange ex;
        private Buffer message;
        private boolean done;

        Call(GrpcServerRequest<Buffer, Buffer> request, Exchange ex) {
            this.request = request;
            this.ex = ex;
        }

        void answer(Buffer response) {
            if (done) {
                return;
            }
            done = true;
            GrpcServerResponse<Buffer, Buffer> r = tagged();
            r.end(response);
            telemetry.finished(ex, 200, GrpcStatus.OK.name());
        }

        void fail(Throwable error) {
            if (done) {
                return;
            }
            done = true;
            StatusException e = GrpcErrors.toStatusException(error);
            Status s = e.getStatus();
            GrpcServerResponse<Buffer, Buffer> r = tagged();
            r.status(GrpcStatus.valueOf(s.getCode().value()));
            if (s.getDescription() != null) {
                r.statusMessage(s.getDescription());
            }
            r.end();
            telemetry.finished(ex, 200, s.getCode().name());
        }

        void abandoned() {
            if (!done) {
                done = true;
                telemetry.finished(ex, 200, Status.Code.CANCELLED.name());
            }
        }

        private GrpcServerResponse<Buffer, Buffer> tagged() {
            GrpcServerResponse<Buffer, Buffer> r = request.response();
            r.headers().set(Forwarded.REQUEST_ID, ex.requestId());
            if (ex.revision() != null) {
                r.headers().set(Ingress.REVISION_HEADER, ex.revision());
            }
            return r;
        }
    }

    /**
     * The client's {@code grpc-timeout} (1 to 8 digits and a unit, H M S m u n), as a deadline; null when absent.
     * A malformed value is ignored as grpc-java's server ignores it.
     */
    static Deadline deadline(String timeout) {
        if (timeout == null || timeout.length() < 2 || timeout.length() > 9) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(timeout, 0, timeout.length() - 1, 10);
        } catch (NumberFormatException e) {
            return null;
        }
        TimeUnit unit = switch (timeout.charAt(timeout.length() - 1)) {
            case 'H' -> TimeUnit.HOURS;
            case 'M' -> TimeUnit.MINUTES;
            case 'S' -> TimeUnit.SECONDS;
            case 'm' -> TimeUnit.MILLISECONDS;
            case 'u' -> TimeUnit.MICROSECONDS;
            case 'n' -> TimeUnit.NANOSECONDS;
            default -> null;
        };
        return unit == null || value < 0 ? null : Deadline.after(value, unit);
    }
}
