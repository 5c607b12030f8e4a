package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * KServe's canary rollout: the spec of {@code canary} changes (another model) with
 * {@code canaryTrafficPercent: 25}; the gateway keeps the previous revision, starts the new one and, once it is
 * ready, sends it 25% of the traffic, which the revision header shows.
 */
@QuarkusTest
class CanaryTest {
    private static final int REQUESTS = 2000;

    @Test
    void canaryTakesTheConfiguredShareOfTraffic() throws Exception {
        Gateway.readyPort("canary");
        LocalServices.write("canary", LocalServices.predictor("canary",
                "    canaryTrafficPercent: " + LocalServices.CANARY_PERCENT + "\n", "iris-forest"));
        Gateway.await("canary", Duration.ofSeconds(90), r -> r.size() == 2
                && r.stream().allMatch(x -> "READY".equals(x.get("state")) && ((Number) x.get("percent")).intValue() > 0),
                "two revisions sharing traffic");

        // A plain JDK client: 2,000 requests through RestAssured would cost more than the rest of the test.
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/v1/models/canary:predict")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Iris.V1)).build();
        Map<String, Integer> answered = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            answered.merge(response.headers().firstValue("x-augur-revision").orElse("none"), 1, Integer::sum);
        }
        assertEquals(2, answered.size(), answered.toString());
        double canaryShare = 100.0 * answered.getOrDefault("canary-predictor-00002", 0) / REQUESTS;
        assertTrue(Math.abs(canaryShare - LocalServices.CANARY_PERCENT) <= 5,
                "canary took " + canaryShare + "% of " + REQUESTS + ": " + answered);
    }
}
