package dev.augur.gateway.e2e;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.stub.MetadataUtils;
import io.restassured.RestAssured;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Plain gRPC clients for the tests: to the gateway's port and to a predictor's port. */
final class GrpcClients implements AutoCloseable {
    private final ManagedChannel channel;
    /** Sent on every call: the run's internal token for a component called directly; null to the gateway. */
    private Metadata extra;
    /** Headers and trailers of the last call, merged: where the gateway puts its response metadata. */
    final AtomicReference<Metadata> lastResponseMetadata = new AtomicReference<>();

    private GrpcClients(int port, String authority) {
        ManagedChannelBuilder<?> b = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext();
        if (authority != null) {
            b.overrideAuthority(authority);
        }
        this.channel = b.build();
    }

    private GrpcClients(int port) {
        this(port, null);
    }

    /** The gateway, addressed by {@code :authority} as a client behind DNS for {@code <isvc>.<ns>.<domain>} would. */
    static GrpcClients gateway(String authority) {
        return new GrpcClients(RestAssured.port, authority);
    }

    static GrpcClients gateway() {
        return new GrpcClients(RestAssured.port);
    }

    /** A component of this run, called as the gateway does: with the run's internal token. */
    static GrpcClients direct(int port) {
        GrpcClients c = new GrpcClients(port);
        c.extra = RunToken.metadata();
        return c;
    }

    /** A component's port, called as anyone else on the machine would: without the token. */
    static GrpcClients stranger(int port) {
        return new GrpcClients(port);
    }

    GRPCInferenceServiceBlockingStub stub() {
        GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        if (extra != null) {
            stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(extra));
        }
        return stub.withInterceptors(new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                    Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        Metadata seen = new Metadata();
                        lastResponseMetadata.set(seen);
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onHeaders(Metadata h) {
                                seen.merge(h);
                                super.onHeaders(h);
                            }

                            @Override
                            public void onClose(io.grpc.Status status, Metadata trailers) {
                                seen.merge(trailers);
                                super.onClose(status, trailers);
                            }
                        }, headers);
                    }
                };
            }
        });
    }

    String responseHeader(String name) {
        return lastResponseMetadata.get().get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
