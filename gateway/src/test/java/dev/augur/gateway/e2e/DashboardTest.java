package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.protocol.core.InternalToken;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard under k8s/monitoring queries only metrics that exist: every metric name in its panels'
 * PromQL is exposed by a live {@code /q/metrics} of the gateway or of a component process (predictor, transformer,
 * explainer of the suite's pipeline service) once a predict, an explain and the Kafka path have run.
 */
@QuarkusTest
class DashboardTest {
    static final Path DASHBOARD = Path.of("../k8s/monitoring/grafana/augur.json");
    /** A metric name in PromQL: an identifier directly followed by its label matchers or range. */
    private static final Pattern METRIC = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

    static Set<String> queriedMetrics(JsonNode dashboard) {
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertEquals("augur-overview", dashboard.get("uid").asText());
        Set<String> queried = queriedMetrics(dashboard);
        assertTrue(queried.contains("gateway_request_seconds_bucket") && queried.contains("request_predict_seconds_bucket"),
                queried.toString());

        List<Map<String, Object>> revisions = Gateway.await("pipeline", Duration.ofSeconds(120),
                l -> l.size() == 3 && l.stream().allMatch(r -> "READY".equals(r.get("state"))), "READY");
        given().contentType("application/json").body("{\"instances\": [{\"sepal_length\": 5.1, \"sepal_width\": 3.5, "
                + "\"petal_length\": 1.4, \"petal_width\": 0.2}]}").post("/v1/models/pipeline:predict").then()
                .statusCode(200);
        given().contentType("application/json").body("{\"instances\": [[5.1, 3.5, 1.4, 0.2]]}")
                .post("/v1/models/pipeline:explain").then().statusCode(200);

        List<String> expositions = new ArrayList<>();
        expositions.add(given().get("/q/metrics").then().statusCode(200).extract().asString());
        HttpClient http = HttpClient.newHttpClient();
        for (Map<String, Object> r : revisions) {
            HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.get("port")
                    + "/q/metrics")).header(InternalToken.HEADER, RunToken.value()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, m.statusCode(), r.get("name") + " /q/metrics");
            expositions.add(m.body());
        }
        List<String> missing = queried.stream().filter(name -> expositions.stream().noneMatch(text -> exposes(text,
                name))).toList();
        assertTrue(missing.isEmpty(), "queried by the dashboard but exposed by no process: " + missing);
    }

    @Test
    void theDashboardParsesWithPanelsThatEachQuerySomething() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        int panels = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            if (!panel.get("type").asText().equals("row")) {
                panels++;
                assertFalse(panel.get("targets").isEmpty(), panel.get("title").asText());
            }
        }
        assertTrue(panels >= 8, "panels: " + panels);
    }

    private static boolean exposes(String exposition, String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(exposition).find();
    }
}
