package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm standby predictors with the real predictor jar: a revision adopts a process that was started before it, and
 * that process then serves the revision's model with scikit-learn's reference predictions.
 */
class StandbyPoolTest {
    private static final Path MODELS = Path.of("../models").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("../predictor/target/quarkus-app/quarkus-run.jar").toAbsolutePath()
            .normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path run;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1);
    private final List<Process> adopted = new ArrayList<>();
    private StandbyPool pool;

    @BeforeEach
    void pool() {
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: build the predictor first (the reactor does)");
        JavaProcess processes = new JavaProcess(JavaRuntime.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString()), "-Xmx128m -XX:TieredStopAtLevel=1", true, run);
        pool = new StandbyPool(processes, JAR, 1, new ReadinessProbe(executor), executor, Duration.ofSeconds(90),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        CompletableFuture.allOf(pool.stop().toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        for (Process p : adopted) {
            Processes.terminate(p.toHandle(), Duration.ofSeconds(5)).get(20, TimeUnit.SECONDS);
        }
        executor.shutdownNow();
    }

    private void awaitStandby() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (pool.available() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(1, pool.available(), "no standby ready within 120 s (see " + run.resolve("logs") + ")");
    }

    private Launcher.Launched adopt(Path model) throws Exception {
        Optional<Launcher.Launched> launched = pool.adopt("iris-predictor-00001", "iris", model);
        assertTrue(launched.isPresent(), "a ready standby was not handed out");
        adopted.add(launched.get().process());
        return launched.get();
    }

    @Test
    void adoptedStandbyServesTheModelWithReferencePredictions() throws Exception {
        pool.fill();
        awaitStandby();
        Launcher.Launched launched = adopt(MODELS.resolve("iris-logreg"));
        launched.prepared().get(60, TimeUnit.SECONDS);

        JsonNode reference = JSON.readTree(MODELS.resolve("iris-logreg/reference.json").toFile());
        List<Double> flat = new ArrayList<>();
        reference.get("inputs").forEach(row -> row.forEach(v -> flat.add(v.asDouble())));
        String body = "{\"inputs\": [{\"name\": \"float_input\", \"shape\": [" + reference.get("inputs").size()
                + ", 4], \"datatype\": \"FP32\", \"data\": " + JSON.writeValueAsString(flat) + "}]}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + launched.port() + "/v2/models/iris/infer")).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode label = null;
        for (JsonNode output : JSON.readTree(response.body()).get("outputs")) {
            if (output.get("name").asText().equals("label")) {
                label = output.get("data");
            }
        }
        assertEquals(reference.get("labels"), label);
    }

    @Test
    void theRevisionGetsTheProcessStartedBeforeIt() throws Exception {
        pool.fill();
        awaitStandby();
        long standbyPid = Long.parseLong(Files.readString(run.resolve("pids/standby-1.pid")).trim());
        assertEquals(standbyPid, adopt(MODELS.resolve("iris-logreg")).process().pid());
    }

    @Test
    void aModelThatCannotLoadFailsTheAdoptionWithItsReason() throws Exception {
        Path broken = Files.createDirectories(run.resolve("broken/1"));
        Files.writeString(broken.resolve("model.onnx"), "not an onnx graph");
        pool.fill();
        awaitStandby();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> adopt(broken.getParent()).prepared().get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("HTTP 503"), e.getCause().getMessage());
    }

    @Test
    void withoutAReadyStandbyNothingIsAdopted() throws Exception {
        assertTrue(pool.adopt("iris-predictor-00001", "iris", MODELS.resolve("iris-logreg")).isEmpty());
    }
}
