package dev.augur.explainer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.server.testing.RawCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * The explainer's {@code augur.explain.ExplainerService} answers a request message that is not protobuf with
 * INVALID_ARGUMENT saying it could not be parsed (the server module's {@code grpc.UnreadableMessages}), not the
 * marshaller's INTERNAL: raw bytes through a real grpc-java channel.
 */
@QuarkusTest
@QuarkusTestResource(PredictorProcess.class)
class UnreadableMessageTest {

    @Test
    void anUnreadableExplainRequestIsInvalidArgument() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext()
                .build();
        try {
            Status status = RawCall.send(channel, "augur.explain.ExplainerService/Explain", false);
            assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), String.valueOf(status));
            assertTrue(status.getDescription().startsWith("the request could not be parsed as ExplainRequest "
                    + "(not valid protobuf: While parsing a protocol message, the input ended unexpectedly"),
                    status.getDescription());
        } finally {
            channel.shutdownNow();
        }
    }
}
