package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.sun.net.httpserver.HttpServer;
import dev.augur.catalog.Endpoint;
import dev.augur.isvc.InferenceServiceParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A revision whose process dies once is restarted after the short first back-off, and a request that arrives in
 * between waits for the restart instead of failing. The "process" is a real {@code sleep}; its readiness endpoint is
 * a stand-in HTTP server that always answers 200.
 */
class RevisionRestartTest {
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final List<Process> launched = new CopyOnWriteArrayList<>();
    private HttpServer health;
    private Revision revision;

    @BeforeEach
    void start() throws Exception {
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        health.start();
        Launcher launcher = r -> {
            Process p = new ProcessBuilder("sleep", "120").start();
            launched.add(p);
            return new Launcher.Launched(p, health.getAddress().getPort());
        };
        var spec = InferenceServiceParser.parse("iris.yaml", "apiVersion: serving.kserve.io/v1beta1\n"
                + "kind: InferenceService\nmetadata:\n  name: iris\nspec:\n  predictor:\n"
                + "    onnx: {storageUri: /models/iris}\n").get(0);
        Revision.Settings settings = new Revision.Settings(Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofMillis(200), Duration.ofSeconds(60), Duration.ofSeconds(60));
        revision = new Revision("iris", "default", "iris-predictor-00001", spec.predictor(), Duration.ofSeconds(1),
                launcher, new ReadinessProbe(executor), settings, null, () -> { }, e -> { });
        // The catalog's housekeeping, which restarts failed revisions when their back-off is over.
        executor.scheduleWithFixedDelay(() -> revision.tick(System.nanoTime()), 50, 50, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() {
        revision.stop("test over");
        launched.forEach(Process::destroyForcibly);
        executor.shutdownNow();
        health.stop(0);
    }

    @Test
    void aRequestDuringTheFirstBackoffWaitsForTheRestart() throws Exception {
        Endpoint first = revision.ensureRunning().get(30, TimeUnit.SECONDS);
        launched.get(0).destroyForcibly().waitFor();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (revision.state() != RevisionState.FAILED && revision.state() != RevisionState.STARTING
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Endpoint again = revision.ensureRunning().get(30, TimeUnit.SECONDS);
        assertEquals(first.port(), again.port());
        assertEquals(2, launched.size());
        assertNotEquals(launched.get(0).pid(), revision.pid());
    }
}
