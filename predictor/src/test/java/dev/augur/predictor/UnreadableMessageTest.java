package dev.augur.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.server.testing.RawCall;
import io.grpc.ManagedChannel;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every method of the predictor's {@code inference.GRPCInferenceService} answers a request message that is not
 * protobuf with INVALID_ARGUMENT saying it could not be parsed (the server module's {@code grpc.UnreadableMessages}),
 * not the marshaller's INTERNAL: raw bytes through a real grpc-java channel, as a broken client would send them.
 */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class UnreadableMessageTest {

    @ParameterizedTest
    @ValueSource(strings = {"ServerLive", "ServerReady", "ModelReady", "ServerMetadata", "ModelMetadata",
            "ModelInfer", "ModelStreamInfer", "RepositoryIndex", "RepositoryModelLoad", "RepositoryModelUnload"})
    void anUnreadableMessageIsInvalidArgument(String method) throws Exception {
        ManagedChannel channel = GrpcClients.channel();
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
