package dev.augur.predictor.batching;

import dev.augur.protocol.core.RowBatch;
import dev.augur.protocol.core.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Triton's dynamic batcher and KServe's {@code batcher}: concurrent requests with the same input layout are merged
 * along the first (batch) dimension into one runtime call, and the outputs are split back. A batch leaves when it
 * reaches {@code maxBatchSize} rows or when its first request has waited {@code maxLatency}, whichever is first, so
 * no request is held longer than that.
 */
public final class DynamicBatcher {

    /** Runs one (merged) call; the executor behind it applies the model's concurrency and queue limits. */
    @FunctionalInterface
    public interface Runner {
        CompletableFuture<List<Tensor>> run(List<Tensor> inputs, List<String> outputs);
    }

    private final int maxBatchSize;
    private final long maxLatencyNanos;
    private final ScheduledExecutorService timer;
    private final Runner runner;
    private final IntConsumer batchSizes;
    private final Map<Key, Pending> pending = new HashMap<>();

    public DynamicBatcher(int maxBatchSize, long maxLatencyNanos, ScheduledExecutorService timer, Runner runner,
            IntConsumer batchSizes) {
        this.maxBatchSize = maxBatchSize;
        this.maxLatencyNanos = maxLatencyNanos;
        this.timer = timer;
        this.runner = runner;
        this.batchSizes = batchSizes;
    }

    public CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, List<String> outputs) {
        long rows = RowBatch.rows(inputs);
        if (rows <= 0 || rows >= maxBatchSize) {
            return runner.run(inputs, outputs);
        }
        Key key = Key.of(inputs, outputs);
        CompletableFuture<List<Tensor>> result = new CompletableFuture<>();
        Pending full = null;
        Pending overflow = null;
        synchronized (pending) {
            Pending p = pending.get(key);
            if (p != null && p.rows + rows > maxBatchSize) {
                overflow = pending.remove(key);
                p = null;
            }
            if (p == null) {
                Pending fresh = new Pending(key);
                fresh.deadline = timer.schedule(() -> flush(key, fresh), maxLatencyNanos, TimeUnit.NANOSECONDS);
                pending.put(key, fresh);
                p = fresh;
            }
            p.add(inputs, (int) rows, result);
            if (p.rows == maxBatchSize) {
                full = pending.remove(key);
            }
        }
        if (overflow != null) {
            dispatch(overflow);
        }
        if (full != null) {
            dispatch(full);
        }
        return result;
    }

    private void flush(Key key, Pending expected) {
        synchronized (pending) {
            if (pending.get(key) != expected) {
                return;
            }
            pending.remove(key);
        }
        dispatch(expected);
    }

    private void dispatch(Pending p) {
        p.deadline.cancel(false);
        batchSizes.accept(p.rows);
        if (p.requests.size() == 1) {
            runner.run(p.requests.get(0), p.key.outputs).whenComplete((out, err) -> complete(p.futures.get(0), out,
                    err));
            return;
        }
        List<Tensor> merged;
        try {
            merged = merge(p);
        } catch (RuntimeException e) {
            p.futures.forEach(f -> f.completeExceptionally(e));
            return;
        }
        CompletableFuture<List<Tensor>> call;
        try {
            call = runner.run(merged, p.key.outputs);
        } catch (RuntimeException e) {
            p.futures.forEach(f -> f.completeExceptionally(e));
            return;
        }
        call.whenComplete((out, err) -> {
            if (err != null) {
                p.futures.forEach(f -> f.completeExceptionally(err));
                return;
            }
            try {
                split(p, out);
            } catch (RuntimeException e) {
                p.futures.forEach(f -> f.completeExceptionally(e));
            }
        });
    }

    private static void complete(CompletableFuture<List<Tensor>> f, List<Tensor> out, Throwable err) {
        if (err != null) {
            f.completeExceptionally(err);
        } else {
            f.complete(out);
        }
    }

    private static List<Tensor> merge(Pending p) {
        return RowBatch.concat(p.requests);
    }

    private static void split(Pending p, List<Tensor> out) {
        List<List<Tensor>> parts = RowBatch.split(out, p.rowCounts);
        for (int r = 0; r < p.futures.size(); r++) {
            p.futures.get(r).complete(parts.get(r));
        }
    }

    private static final class Pending {
        final Key key;
        final List<List<Tensor>> requests = new ArrayList<>();
        final List<Integer> rowCounts = new ArrayList<>();
        final List<CompletableFuture<List<Tensor>>> futures = new ArrayList<>();
        int rows;
        ScheduledFuture<?> deadline;

        Pending(Key key) {
            this.key = key;
        }

        void add(List<Tensor> inputs, int n, CompletableFuture<List<Tensor>> f) {
            requests.add(inputs);
            rowCounts.add(n);
            futures.add(f);
            rows += n;
        }
    }

    /** Requests batch together only when their inputs agree in name, datatype and non-batch dimensions. */
    private record Key(String layout, List<String> outputs) {
        static Key of(List<Tensor> inputs, List<String> outputs) {
            return new Key(RowBatch.layout(inputs, outputs), List.copyOf(outputs));
        }
    }
}
