package dev.augur.gateway.e2e;

import static dev.augur.gateway.e2e.Secured.as;
import static dev.augur.gateway.e2e.Secured.bearer;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quotas per key: the {@code limited-*} keys may send one request every 5 s (burst 1), so a second one at once is
 * 429 with {@code Retry-After} (gRPC RESOURCE_EXHAUSTED), and one after that wait is admitted again. Each test uses
 * its own key: buckets are per key id.
 */
@QuarkusTest
@TestProfile(SecuredGateway.Profile.class)
class SecurityQuotaTest {

    @BeforeEach
    void irisRuns() {
        Secured.awaitIris();
    }

    private static Response ready(String key) {
        return as(bearer(key)).get("/v2/models/iris/ready");
    }

    @Test
    void secondRequestAtOnceIs429WithRetryAfter() {
        String key = SecuredGateway.LIMITED_KEYS[0];
        ready(key).then().statusCode(200);
        Response second = ready(key);
        second.then().statusCode(429).body("error", containsString("rate"));
        long retryAfter = Long.parseLong(second.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After: " + retryAfter);
    }

    @Test
    void requestAfterRetryAfterIsAdmittedAgain() {
        String key = SecuredGateway.LIMITED_KEYS[1];
        ready(key).then().statusCode(200);
        Response refused = ready(key);
        refused.then().statusCode(429);
        Gateway.sleep(Long.parseLong(refused.header("Retry-After")) * 1000 + 100);
        ready(key).then().statusCode(200);
    }

    @Test
    void grpcCallOverTheRateIsResourceExhausted() throws Exception {
        String key = "Bearer " + SecuredGateway.LIMITED_KEYS[2];
        try (GrpcClients gateway = GrpcClients.gateway()) {
            gateway.stub().withInterceptors(Secured.sending(key)).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .modelInfer(Iris.grpc("iris"));
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> gateway.stub()
                    .withInterceptors(Secured.sending(key)).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .modelInfer(Iris.grpc("iris")));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        }
    }
}
