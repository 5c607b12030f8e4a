package dev.augur.predictor.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Integer> calls = new ArrayList<>();

    /** A model that doubles its input, so every row's answer is known. */
    private CompletableFuture<List<Tensor>> doubler(List<Tensor> in, List<String> outputs) {
        Tensor x = in.get(0);
        synchronized (calls) {
            calls.add((int) x.shape()[0]);
        }
        float[] y = new float[x.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 2 * x.getFloat(i);
        }
        return CompletableFuture.completedFuture(List.of(Tensor.ofFloats("y", x.shape(), y)));
    }

    private static List<Tensor> rows(float... v) {
        return List.of(Tensor.ofFloats("x", new long[] {v.length / 2, 2}, v));
    }

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void fullBatchLeavesAtOnceAndSplitsBack() throws Exception {
        DynamicBatcher b = new DynamicBatcher(4, TimeUnit.SECONDS.toNanos(10), timer, this::doubler, n -> { });
        CompletableFuture<List<Tensor>> first = b.submit(rows(1, 2), List.of("y"));
        CompletableFuture<List<Tensor>> second = b.submit(rows(3, 4, 5, 6, 7, 8), List.of("y"));
        assertEquals(10f, second.get(1, TimeUnit.SECONDS).get(0).getFloat(2));
        assertEquals(4f, first.get(1, TimeUnit.SECONDS).get(0).getFloat(1));
        assertEquals(List.of(4), calls);
    }

    @Test
    void aLoneRequestLeavesAfterMaxLatency() throws Exception {
        DynamicBatcher b = new DynamicBatcher(64, TimeUnit.MILLISECONDS.toNanos(30), timer, this::doubler, n -> { });
        long t0 = System.nanoTime();
        List<Tensor> out = b.submit(rows(1, 2), List.of("y")).get(5, TimeUnit.SECONDS);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(2f, out.get(0).getFloat(0));
        assertTrue(waitedMs >= 25 && waitedMs < 1000, "waited " + waitedMs + " ms");
    }

    @Test
    void overflowingRequestStartsTheNextBatch() throws Exception {
        DynamicBatcher b = new DynamicBatcher(3, TimeUnit.MILLISECONDS.toNanos(20), timer, this::doubler, n -> { });
        CompletableFuture<List<Tensor>> a = b.submit(rows(1, 1, 2, 2), List.of("y"));
        CompletableFuture<List<Tensor>> c = b.submit(rows(3, 3, 4, 4), List.of("y"));
        assertEquals(List.of(2f, 2f, 4f, 4f), values(a.get(5, TimeUnit.SECONDS).get(0)));
        assertEquals(List.of(6f, 6f, 8f, 8f), values(c.get(5, TimeUnit.SECONDS).get(0)));
        assertEquals(List.of(2, 2), calls);
    }

    @Test
    void differentLayoutsAreNotMixed() throws Exception {
        DynamicBatcher b = new DynamicBatcher(8, TimeUnit.MILLISECONDS.toNanos(20), timer, this::doubler, n -> { });
        CompletableFuture<List<Tensor>> a = b.submit(rows(1, 2), List.of("y"));
        CompletableFuture<List<Tensor>> c = b.submit(List.of(Tensor.ofFloats("x", new long[] {1, 3},
                new float[] {1, 2, 3})), List.of("y"));
        a.get(5, TimeUnit.SECONDS);
        c.get(5, TimeUnit.SECONDS);
        assertEquals(2, calls.size());
    }

    private static List<Float> values(Tensor t) {
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            v.add(t.getFloat(i));
        }
        return v;
    }
}
