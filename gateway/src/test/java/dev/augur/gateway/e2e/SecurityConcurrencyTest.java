package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.inference.GrpcPredictV2.ModelReadyRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A concurrency of one serves a client that sends each request the instant it has read the last answer: the slot is
 * returned before the answer's last bytes are written, so no request of a sequential client meets 429. Not a timing
 * test: each loop asserts every answer, and the order (slot free, then answer readable) holds for every request.
 * The {@code serial} key may have one request in flight.
 */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityConcurrencyTest {
    private static final int REQUESTS = 200;
    private static final String SERIAL = bearer(SecuredGateway.SERIAL_KEY);

    @BeforeEach
    void irisRuns() {
        Secured.awaitIris();
    }

    @Test
    void sequentialRestInferenceIsNeverRefused() {
        for (int i = 0; i < REQUESTS; i++) {
            int status = as(SERIAL).body(Iris.V2).post("/v2/models/iris/infer").statusCode();
            assertEquals(200, status, "request " + i);
        }
    }

    @Test
    void sequentialOpenAiListIsNeverRefused() {
        for (int i = 0; i < REQUESTS; i++) {
            assertEquals(200, as(SERIAL).get("/openai/v1/models").statusCode(), "request " + i);
        }
    }

    /** The byte-level ModelInfer ingress, one HTTP/2 connection: each call a new stream. */
    @Test
    void sequentialGrpcModelInferIsNeverRefused() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            for (int i = 0; i < REQUESTS; i++) {
                long[] labels = Secured.labels(gateway.stub().withInterceptors(Secured.sending(SERIAL))
                        .withDeadlineAfter(60, TimeUnit.SECONDS).modelInfer(Iris.grpc("iris")));
                assertEquals(1, labels[0], "call " + i);
            }
        }
    }

    /** Quarkus' gRPC service, whose answer is written as headers with the message, then trailers. */
    @Test
    void sequentialGrpcModelReadyIsNeverRefused() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            for (int i = 0; i < REQUESTS; i++) {
                assertTrue(gateway.stub().withInterceptors(Secured.sending(SERIAL))
                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                        .modelReady(ModelReadyRequest.newBuilder().setName("iris").build()).getReady(), "call " + i);
            }
        }
    }
}
