package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A Splitter of 30/70 sends 30% +- 5 points of 2,000 requests to its first step. The odds of a fair 30/70 split
 * leaving that band are below one in a million (the band is 4.9 standard deviations wide on each side).
 */
@QuarkusTest
class GraphSplitterTest {
    private static final int REQUESTS = 2000;

    @Test
    void splitsByWeight() throws Exception {
        Gateway.readyPort("iris");
        Gateway.readyPort("forest");
        String body = Reference.v1(Reference.LOGREG, 50);
        // The JDK client, not RestAssured: 2,000 calls through RestAssured's stack take over a minute here.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                + "/augur/graphs/split")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String expected = "{\"predictions\":[" + Reference.label(Reference.LOGREG, 50) + "]}";
        int iris = 0;
        for (int i = 0; i < REQUESTS; i++) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(expected, r.body());
            String trace = r.headers().firstValue("x-augur-graph-trace").orElseThrow();
            if (trace.equals("root.0=iris:200")) {
                iris++;
            } else {
                assertEquals("root.1=forest:200", trace);
            }
        }
        assertTrue(iris >= 500 && iris <= 700, "iris got " + iris + " of " + REQUESTS + ", expected 30% +- 5%");
    }
}
