package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One batch job of 100,000 rows through the jobs API, the Kafka path and a real predictor, run once and looked at by
 * each test. Rows are padded with spaces to ~0.5 KB, so the upload is ~50 MB and the results ~30 MB: an
 * implementation holding either in memory would grow the heap far past the bound the memory test asserts.
 */
@QuarkusTest
class LargeJobTest {
    static final int ROWS = 100_000;
    static final int PADDING = 400;
    static final int WARM_UP_ROWS = 10_000;
    /**
     * Heap growth allowed while the job streams through (live heap after a full GC, peak during the job minus
     * before it). Holding the upload (~50 MB) or the results (~30 MB of bytes, more as objects) would exceed it;
     * what legitimately grows is Kafka's fetch and send buffers (a few MB each).
     */
    static final long HEAP_BOUND = 24L << 20;
    static final int[] SPOT_LINES = {1, 77, 50_000, 99_999, ROWS};

    record Run(String location, JsonNode progress, long seconds, long heapBefore, long heapPeak,
            Map<Integer, JsonNode> spots, long lines, long outOfOrder, long wrongLabels, long notSucceeded) {
    }

    private static Run run;
    private static RuntimeException failure;

    /** Runs the job once for all the tests; a failure fails each of them without running it again. */
    static synchronized Run run() {
        if (run == null && failure == null) {
            try {
                run = execute();
            } catch (RuntimeException | AssertionError e) {
                failure = new IllegalStateException("the 100,000-row job failed: " + e.getMessage(), e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return run;
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * A smaller job of the same rows first, so that what the gateway allocates once and keeps (Kafka producers'
     * buffer pools, HTTP and Kafka client buffers, caches) is in the baseline and only growth with the job's size
     * is measured.
     */
    private static void warmUp() {
        HttpResponse<String> submitted = JobFiles.submit("iris", JobFiles.rows(WARM_UP_ROWS, PADDING));
        assertEquals(201, submitted.statusCode(), submitted.body());
        String location = JobFiles.path(submitted.headers().firstValue("Location").orElseThrow());
        JobFiles.awaitFinished(location, Duration.ofSeconds(60));
        JobFiles.results(location, row -> { });
    }

    private static Run execute() {
        warmUp();
        long before = liveHeap();
        AtomicLong peak = new AtomicLong(before);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(liveHeap(), Math::max);
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        long start = System.nanoTime();
        sampler.start();
        HttpResponse<String> submitted = JobFiles.submit("iris", JobFiles.rows(ROWS, PADDING));
        assertEquals(201, submitted.statusCode(), submitted.body());
        String location = JobFiles.path(submitted.headers().firstValue("Location").orElseThrow());
        JsonNode progress = JobFiles.awaitFinished(location, Duration.ofSeconds(150));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        Map<Integer, JsonNode> spots = new HashMap<>();
        long[] counts = new long[5];
        int status = JobFiles.results(location, row -> {
            long line = row.get("line").asLong();
            counts[0]++;
            if (line != counts[0]) {
                counts[1]++;
            }
            if (!"succeeded".equals(row.get("status").asText())) {
                counts[3]++;
                return;
            }
            if (row.get("response").get("outputs").get(0).get("data").get(0).asLong() != JobFiles.label(line)) {
                counts[2]++;
            }
            for (int spot : SPOT_LINES) {
                if (spot == line) {
                    spots.put(spot, row);
                }
            }
        });
        sampler.interrupt();
        peak.accumulateAndGet(liveHeap(), Math::max);
        assertEquals(200, status);
        return new Run(location, progress, seconds, before, peak.get(), spots, counts[0], counts[1], counts[2],
                counts[3]);
    }

    @Test
    void jobOfAHundredThousandRowsSucceedsWellWithinTwoMinutes() {
        Run r = run();
        System.out.printf("LargeJobTest: %d rows in %d s (%s rows/s by the job), heap %d MB before, peak +%d MB%n",
                ROWS, r.seconds(), r.progress().get("rate"), r.heapBefore() >> 20,
                (r.heapPeak() - r.heapBefore()) >> 20);
        assertEquals("succeeded", r.progress().get("state").asText(), r.progress().toString());
        assertEquals(ROWS, r.progress().get("total").asLong());
        assertEquals(ROWS, r.progress().get("done").asLong());
        assertEquals(0, r.progress().get("failed").asLong());
        assertTrue(r.seconds() < 120, "took " + r.seconds() + " s");
    }

    @Test
    void resultsComeInInputOrderOneLinePerRow() {
        Run r = run();
        assertEquals(ROWS, r.lines());
        assertEquals(0, r.outOfOrder(), "lines out of order");
    }

    @Test
    void everyRowHasScikitLearnsLabel() {
        Run r = run();
        assertEquals(0, r.notSucceeded(), "rows that did not succeed");
        assertEquals(0, r.wrongLabels(), "rows whose label differs from reference.json");
    }

    @Test
    void spotRowsEqualTheHttpPathsAnswers() {
        Run r = run();
        for (int line : SPOT_LINES) {
            JsonNode row = r.spots().get(line);
            assertEquals(line + "", row.get("line").asText());
            assertEquals(r.location().substring(r.location().lastIndexOf('/') + 1) + ":" + line,
                    row.get("id").asText());
            JsonNode http = JobFiles.json(given().body(JobFiles.v2Row(line, 0)).post("/v2/models/iris/infer")
                    .then().statusCode(200).extract().asString());
            JsonNode job = row.get("response").get("outputs");
            assertEquals(http.get("model_name"), row.get("response").get("model_name"));
            assertEquals(http.get("outputs").size(), job.size());
            for (int o = 0; o < job.size(); o++) {
                JsonNode a = http.get("outputs").get(o);
                JsonNode b = job.get(o);
                assertEquals(a.get("name"), b.get("name"));
                assertEquals(a.get("datatype"), b.get("datatype"));
                assertEquals(a.get("shape"), b.get("shape"));
                for (int k = 0; k < a.get("data").size(); k++) {
                    // Job rows run micro-batched (64 rows per ONNX call), which rounds FP32 sums in another order
                    // than a one-row call: labels are equal, probabilities equal to float precision.
                    assertEquals(a.get("data").get(k).asDouble(), b.get("data").get(k).asDouble(), 1e-6,
                            "line " + line + " output " + a.get("name") + "[" + k + "]");
                }
            }
        }
    }

    @Test
    void heapStaysFlatWhileTheJobStreams() {
        Run r = run();
        long growth = r.heapPeak() - r.heapBefore();
        assertTrue(growth < HEAP_BOUND, "live heap grew by " + (growth >> 20) + " MB (bound "
                + (HEAP_BOUND >> 20) + " MB)");
    }

}
