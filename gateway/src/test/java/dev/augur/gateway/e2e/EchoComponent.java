package dev.augur.gateway.e2e;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A component that answers ModelInfer with an empty response and keeps the metadata of the last call. */
final class EchoComponent {
    static volatile Metadata lastHeaders;
    /** The deadline the last call arrived with (from its grpc-timeout), or null. */
    static volatile io.grpc.Deadline lastDeadline;

    private final Server server;

    private EchoComponent(Server server) {
        this.server = server;
    }

    static EchoComponent start() throws IOException {
        // Built from the method descriptor rather than by extending the generated ImplBase, which Quarkus would
        // find in the test index and take for the application's own gRPC service.
        ServerServiceDefinition impl = ServerServiceDefinition.builder(GRPCInferenceServiceGrpc.SERVICE_NAME)
                .addMethod(GRPCInferenceServiceGrpc.getModelInferMethod(), ServerCalls.asyncUnaryCall(
                        (ModelInferRequest request, StreamObserver<ModelInferResponse> out) -> {
                            lastDeadline = io.grpc.Context.current().getDeadline();
                            out.onNext(ModelInferResponse.newBuilder().setModelName(request.getModelName())
                                    .setId(request.getId()).build());
                            out.onCompleted();
                        }))
                .build();
        ServerInterceptor recorder = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                lastHeaders = headers;
                return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
            }
        };
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(impl, recorder)).build().start();
        return new EchoComponent(server);
    }

    int port() {
        return server.getPort();
    }

    void close() {
        server.shutdownNow();
    }
}
