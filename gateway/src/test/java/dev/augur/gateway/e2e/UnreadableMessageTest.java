package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.server.testing.RawCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every method of the gateway's {@code inference.GRPCInferenceService} answers a request message that is not protobuf
 * with INVALID_ARGUMENT saying it could not be parsed, at the edge (before any routing), not the marshaller's
 * INTERNAL: raw bytes through a real grpc-java channel. ModelInfer is read by the gateway's byte-level ingress, the
 * others by the server module's {@code grpc.UnreadableMessages}.
 */
@QuarkusTest
class UnreadableMessageTest {

    @ParameterizedTest
    @ValueSource(strings = {"ServerLive", "ServerReady", "ModelReady", "ServerMetadata", "ModelMetadata",
            "ModelInfer", "ModelStreamInfer", "RepositoryIndex", "RepositoryModelLoad", "RepositoryModelUnload"})
    void anUnreadableMessageIsInvalidArgument(String method) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext()
                .build();
        try {
            Status status = RawCall.send(channel, "inference.GRPCInferenceService/" + method,
                    method.equals("ModelStreamInfer"));
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), String.valueOf(status));
            assertTrue(status.getDescription().startsWith("the request could not be parsed as "),
                    status.getDescription());
        } finally {
            channel.shutdownNow();
        }
    }
}
