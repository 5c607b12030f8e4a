package dev.augur.client;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A real V2 gRPC server on a free port: answers ModelInfer with its model name as the id, or with a fixed status. */
final class TestServer implements AutoCloseable {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicReference<Metadata> lastHeaders = new AtomicReference<>();
    /** The methods called, in order (e.g. "ModelInfer", "ServerLive"); those it does not serve included. */
    final List<String> methods = new CopyOnWriteArrayList<>();
    private final Server server;

    private TestServer(int port, Status failure) throws IOException {
        var service = new GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase() {
            @Override
            public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> answer) {
                calls.incrementAndGet();
                if (failure != null) {
                    answer.onError(failure.asRuntimeException());
                    return;
                }
                answer.onNext(ModelInferResponse.newBuilder().setModelName(request.getModelName())
                        .setId("answered-" + request.getModelName()).build());
                answer.onCompleted();
            }
        };
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata md,
                    ServerCallHandler<Q, R> next) {
                lastHeaders.set(md);
                methods.add(call.getMethodDescriptor().getBareMethodName());
                return next.startCall(call, md);
            }
        };
        this.server = NettyServerBuilder.forPort(port).addService(ServerInterceptors.intercept(service, headers))
                .build().start();
    }

    static TestServer answering() throws IOException {
        return new TestServer(0, null);
    }

    static TestServer answering(int port) throws IOException {
        return new TestServer(port, null);
    }

    static TestServer failing(Status status) throws IOException {
        return new TestServer(0, status);
    }

    int port() {
        return server.getPort();
    }

    /** A port nothing listens on (free a moment ago). */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination();
    }
}
