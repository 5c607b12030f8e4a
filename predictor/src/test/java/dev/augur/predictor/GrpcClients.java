package dev.augur.predictor;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.restassured.RestAssured;

/** A plain grpc-java client on the server's one port, as an outside client would connect. */
final class GrpcClients {
    private GrpcClients() {
    }

    static ManagedChannel channel() {
        return ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
    }

    static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub(ManagedChannel channel) {
        return GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }
}
