package dev.augur.predictor.batching;

import dev.augur.protocol.DataType;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.InferenceException;
import dev.augur.protocol.Tensor;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
        long rows = rows(inputs);
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

    /** The shared first dimension of all inputs, or -1 if they do not share one (then the request runs alone). */
    static long rows(List<Tensor> inputs) {
        long rows = -1;
        for (Tensor t : inputs) {
            if (t.shape().length == 0) {
                return -1;
            }
            if (rows >= 0 && t.shape()[0] != rows) {
                return -1;
            }
            rows = t.shape()[0];
        }
        return rows;
    }

    private static List<Tensor> merge(Pending p) {
        List<Tensor> first = p.requests.get(0);
        List<Tensor> merged = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            Tensor proto = first.get(i);
            long[] shape = proto.shape().clone();
            shape[0] = p.rows;
            if (proto.datatype() == DataType.BYTES) {
                List<byte[]> all = new ArrayList<>();
                for (List<Tensor> r : p.requests) {
                    all.addAll(Arrays.asList(find(r, proto.name()).elements()));
                }
                merged.add(Tensor.ofBytes(proto.name(), shape, all.toArray(new byte[0][]), proto.parameters()));
            } else {
                int total = 0;
                for (List<Tensor> r : p.requests) {
                    total += find(r, proto.name()).data().remaining();
                }
                ByteBuffer b = ByteBuffer.allocate(total);
                for (List<Tensor> r : p.requests) {
                    b.put(find(r, proto.name()).data());
                }
                b.flip();
                merged.add(Tensor.of(proto.name(), proto.datatype(), shape, b, proto.parameters()));
            }
        }
        return merged;
    }

    private static Tensor find(List<Tensor> tensors, String name) {
        for (Tensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalStateException("input " + name + " missing from a batched request");
    }

    private static void split(Pending p, List<Tensor> out) {
        List<List<Tensor>> parts = new ArrayList<>();
        for (int r = 0; r < p.requests.size(); r++) {
            parts.add(new ArrayList<>(out.size()));
        }
        for (Tensor t : out) {
            if (t.shape().length == 0 || t.shape()[0] != p.rows) {
                throw new InferenceException(ErrorCode.INTERNAL, "output '" + t.name() + "' has shape "
                        + Arrays.toString(t.shape()) + ", not batched along its first dimension; turn batching off "
                        + "for this model (max_batch_size)");
            }
            int perRow = t.size() / (int) p.rows;
            int row = 0;
            for (int r = 0; r < p.requests.size(); r++) {
                int n = p.rowCounts.get(r);
                long[] shape = t.shape().clone();
                shape[0] = n;
                parts.get(r).add(slice(t, shape, row * perRow, n * perRow));
                row += n;
            }
        }
        for (int r = 0; r < p.futures.size(); r++) {
            p.futures.get(r).complete(parts.get(r));
        }
    }

    private static Tensor slice(Tensor t, long[] shape, int fromElement, int elements) {
        if (t.datatype() == DataType.BYTES) {
            return Tensor.ofBytes(t.name(), shape, Arrays.copyOfRange(t.elements(), fromElement,
                    fromElement + elements), t.parameters());
        }
        int size = t.datatype().size();
        ByteBuffer all = t.data();
        return Tensor.of(t.name(), t.datatype(), shape, all.slice(fromElement * size, elements * size),
                t.parameters());
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
    private record Key(List<String> layout, List<String> outputs) {
        static Key of(List<Tensor> inputs, List<String> outputs) {
            List<String> layout = new ArrayList<>(inputs.size());
            inputs.stream().sorted(Comparator.comparing(Tensor::name)).forEach(t -> layout.add(t.name() + ':'
                    + t.datatype() + ':' + Arrays.toString(Arrays.copyOfRange(t.shape(), 1, t.shape().length))));
            return new Key(layout, List.copyOf(outputs));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && layout.equals(k.layout) && outputs.equals(k.outputs);
        }

        @Override
        public int hashCode() {
            return Objects.hash(layout, outputs);
        }
    }
}
