package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch job survives its gateway: the packaged gateway is killed (SIGKILL) while the job runs and started again
 * with the same data folder; the job finishes with every row answered once, in input order.
 */
class JobRestartIT {
    private static final int ROWS = 50_000;
    private static final KafkaBroker BROKER = new KafkaBroker();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PackagedProcesses processes;

    @BeforeAll
    static void start() throws Exception {
        BROKER.start();
        processes = PackagedProcesses.withIrisPredictor("augur-job-restart-it");
    }

    @AfterAll
    static void stop() {
        if (processes != null) {
            processes.close();
        }
        BROKER.stop();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode progress(int port, String location) throws Exception {
        return JobFiles.json(get(port, location).body());
    }

    @Test
    void jobFinishesAfterTheGatewayIsKilledAndRestarted() throws Exception {
        int port = KafkaBroker.freePort();
        Process first = processes.gateway(port, "gateway-1.log");
        PackagedProcesses.awaitReady(port);
        HttpResponse<String> submitted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/augur/jobs/iris")).POST(HttpRequest.BodyPublishers.ofInputStream(() -> JobFiles.rows(ROWS, 0)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, submitted.statusCode(), submitted.body());
        String location = JobFiles.path(submitted.headers().firstValue("Location").orElseThrow());
        // Killed as soon as the file is in: the rows are being run (about 5,000 a second here).
        long doneBefore = progress(port, location).get("done").asLong();
        first.destroyForcibly().waitFor();
        assertTrue(doneBefore < ROWS, "the kill came too late to test anything: " + doneBefore);

        Process second = processes.gateway(port, "gateway-2.log");
        try {
            PackagedProcesses.awaitReady(port);
            JsonNode p = progress(port, location);
            for (int i = 0; i < 1200 && !p.get("state").asText().equals("succeeded"); i++) {
                Thread.sleep(100);
                p = progress(port, location);
            }
            System.out.printf("JobRestartIT: %d rows, %d done before the kill, then %s%n", ROWS, doneBefore, p);
            assertEquals("succeeded", p.get("state").asText(), p.toString());
            assertEquals(ROWS, p.get("done").asLong());
            HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + location + "/results")).build(), HttpResponse.BodyHandlers.ofInputStream());
            long expected = 1;
            long wrong = 0;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine(), expected++) {
                    JsonNode row = JobFiles.JSON.readTree(line);
                    assertEquals(expected, row.get("line").asLong(), "results out of order or a row twice");
                    if (row.get("response").get("outputs").get(0).get("data").get(0).asLong()
                            != JobFiles.label(expected)) {
                        wrong++;
                    }
                }
            }
            assertEquals(ROWS + 1, expected, "rows in the results");
            assertEquals(0, wrong, "rows with another label than reference.json's");
        } finally {
            second.destroy();
            second.waitFor();
        }
    }
}
