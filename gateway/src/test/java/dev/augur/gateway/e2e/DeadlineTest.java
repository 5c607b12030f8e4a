package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A component that accepts the connection and never answers ({@code hung}, {@code timeout: 1}) costs the client
 * the component's timeout, then a 504 / DEADLINE_EXCEEDED naming it.
 */
@QuarkusTest
class DeadlineTest {

    @Test
    void restCallToHungComponentIs504() {
        long start = System.nanoTime();
        given().contentType("application/json").body(Iris.V1).post("/v1/models/hung:predict")
                .then().statusCode(504).body("error", containsString("hung-predictor"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= LocalServices.HUNG_TIMEOUT_SECONDS * 1000 - 50, "answered after " + ms + " ms");
    }

    @Test
    void grpcCallToHungComponentIsDeadlineExceeded() throws Exception {
        try (GrpcClients gateway = GrpcClients.gateway()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> gateway.stub().modelInfer(Iris.grpc("hung")));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("hung-predictor"), e.getStatus().getDescription());
        }
    }
}
