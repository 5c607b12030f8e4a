package dev.augur.gateway.openai;

import dev.augur.catalog.Endpoint;
import dev.augur.catalog.EndpointClosed;
import dev.augur.gateway.client.Forwarded;
import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.ErrorTable;
import dev.augur.protocol.Generate;
import dev.augur.protocol.InferenceException;
import dev.augur.protocol.StreamGrpcCodec;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's client of Triton's {@code ModelStreamInfer}: one bidirectional call per generation, the request
 * sent and half-closed at once, the predictor's responses handed on as they arrive. Owns its channels (one per
 * component address, closed with the address), the deadline (the component's timeout bounds a whole generation)
 * and the mapping of failures into the error model.
 */
@ApplicationScoped
public class GenerateStreams {
    private static final Metadata.Key<String> REQUEST_ID = Metadata.Key.of(Forwarded.REQUEST_ID,
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of(Forwarded.TRACEPARENT,
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of(Forwarded.AUTHORIZATION,
            Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /** What one generation reports, on gRPC's threads, in order; exactly one of {@code done} or {@code failed}. */
    public interface Listener {
        void piece(Generate.Result piece);

        void done();

        void failed(InferenceException e);
    }

    /** A running generation; {@link #cancel()} stops it at the predictor too. */
    public interface Call {
        void cancel();
    }

    /** The raw stream of one request, for a gRPC client of the gateway: responses as they are, then the end. */
    public interface Raw {
        void response(ModelStreamInferResponse r);

        /** The stream is over; {@code error} is null when the predictor ended it normally. */
        void end(InferenceException error);
    }

    /** A generation as OpenAI transports need it: decoded pieces, ended by the final one or by an error. */
    public Call open(Endpoint endpoint, Forwarded headers, ModelInferRequest request, Listener listener) {
        boolean[] over = {false};
        return forward(endpoint, headers, request, new Raw() {
            @Override
            public void response(ModelStreamInferResponse value) {
                if (over[0]) {
                    return;
                }
                InferenceException error = StreamGrpcCodec.error(value);
                if (error != null) {
                    over[0] = true;
                    listener.failed(error);
                    return;
                }
                listener.piece(Generate.Result.fromResponse(StreamGrpcCodec.decode(value)));
                if (StreamGrpcCodec.isFinal(value)) {
                    over[0] = true;
                    listener.done();
                }
            }

            @Override
            public void end(InferenceException error) {
                if (over[0]) {
                    return;
                }
                over[0] = true;
                listener.failed(error != null ? error : new InferenceException(ErrorCode.INTERNAL, "component '"
                        + endpoint.component() + "' ended the stream without a final response"));
            }
        });
    }

    /** One request on its own ModelStreamInfer call to the component; the request is sent and half-closed at once. */
    public Call forward(Endpoint endpoint, Forwarded headers, ModelInferRequest request, Raw raw) {
        Metadata md = new Metadata();
        put(md, REQUEST_ID, headers.requestId());
        put(md, TRACEPARENT, headers.traceparent());
        put(md, AUTHORIZATION, headers.authorization());
        var stub = GRPCInferenceServiceGrpc.newStub(channel(endpoint))
                .withDeadline(Deadline.after(endpoint.timeout().toNanos(), TimeUnit.NANOSECONDS))
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
        Observer observer = new Observer(endpoint, raw);
        stub.modelStreamInfer(observer);
        observer.send(request);
        return observer::cancel;
    }

    private static final class Observer implements ClientResponseObserver<ModelInferRequest, ModelStreamInferResponse> {
        private final Endpoint endpoint;
        private final Raw raw;
        private volatile ClientCallStreamObserver<ModelInferRequest> call;
        private volatile boolean cancelled;

        Observer(Endpoint endpoint, Raw raw) {
            this.endpoint = endpoint;
            this.raw = raw;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<ModelInferRequest> requestStream) {
            this.call = requestStream;
        }

        void send(ModelInferRequest request) {
            call.onNext(request);
            call.onCompleted();
        }

        void cancel() {
            cancelled = true;
            call.cancel("client went away", null);
        }

        @Override
        public void onNext(ModelStreamInferResponse value) {
            if (!cancelled) {
                raw.response(value);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (cancelled) {
                return;
            }
            Status s = Status.fromThrowable(t);
            String who = "component '" + endpoint.component() + "' (revision " + endpoint.revision() + ")";
            raw.end(switch (s.getCode()) {
                case DEADLINE_EXCEEDED -> new InferenceException(ErrorCode.DEADLINE_EXCEEDED, who
                        + " did not finish the generation within its timeout (" + endpoint.timeout().toSeconds() + " s)");
                case UNAVAILABLE -> InferenceException.unavailable(who + " is unavailable: " + s.getDescription());
                default -> new InferenceException(ErrorTable.fromGrpc(s.getCode()), s.getDescription() == null
                        ? who + " failed with " + s.getCode() : s.getDescription());
            });
        }

        @Override
        public void onCompleted() {
            if (!cancelled) {
                raw.end(null);
            }
        }
    }

    private static void put(Metadata md, Metadata.Key<String> key, String value) {
        if (value != null && !value.isEmpty()) {
            md.put(key, value);
        }
    }

    private ManagedChannel channel(Endpoint endpoint) {
        return channels.computeIfAbsent(endpoint.address(), a -> NettyChannelBuilder
                .forAddress(endpoint.host(), endpoint.port()).usePlaintext().directExecutor().build());
    }

    void onClosed(@Observes EndpointClosed e) {
        ManagedChannel c = channels.remove(e.host() + ":" + e.port());
        if (c != null) {
            c.shutdown();
        }
    }

    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
