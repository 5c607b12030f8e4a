package dev.augur.predictor.runtime.hf;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Batched decode steps ({@code max_batch_size} > 1 on a text-generation model): the next-token steps of concurrent
 * generations run as one ONNX Runtime call of up to {@code maxBatch} rows. Each generation keeps its own cache;
 * a step lays the caches side by side, left-padded to the longest with the padding masked out by
 * {@code attention_mask} (each row keeps its own {@code position_ids}), and hands each row its logits and its grown
 * cache back. One thread runs the steps; it waits until every active generation has asked for its next step, or
 * {@code maxWaitNanos}, whichever comes first.
 *
 * <p>The copy in and out costs O(cache) per step: it pays where the call overhead dominates (small models, many
 * streams); for large models keeping the batch's cache in place between steps is the next step.
 */
final class StepBatcher implements AutoCloseable {
    private final DecoderSession decoder;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Pending> pending = new ArrayList<>();
    private int active;
    private volatile boolean closed;
    private final Thread thread;

    /** One generation's cache between steps: per past input, [1, heads, length, head_dim] bytes. */
    static final class Seq {
        final Map<String, ByteBuffer> kv = new HashMap<>();
        int length;
    }

    private record Pending(Seq seq, long token, CompletableFuture<float[]> logits) {
    }

    StepBatcher(DecoderSession decoder, int maxBatch, long maxWaitNanos, String name) {
        this.decoder = decoder;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWaitNanos;
        this.thread = new Thread(this::run, "decode-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** A generation whose prompt has been run: its cache taken out of the one-row session result. */
    Seq join(DecoderSession.Cache prefilled) {
        Seq s = new Seq();
        s.length = prefilled.length();
        for (String name : decoder.pastInputs()) {
            s.kv.put(name, prefilled.present(name));
        }
        lock.lock();
        try {
            active++;
        } finally {
            lock.unlock();
        }
        return s;
    }

    void leave() {
        lock.lock();
        try {
            active--;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The logits after {@code token}, once the batch it joined has run. */
    float[] step(Seq seq, long token) throws Exception {
        CompletableFuture<float[]> f = new CompletableFuture<>();
        lock.lock();
        try {
            pending.add(new Pending(seq, token, f));
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private void run() {
        while (!closed) {
            List<Pending> batch;
            lock.lock();
            try {
                while (pending.isEmpty() && !closed) {
                    arrived.await(100, TimeUnit.MILLISECONDS);
                }
                long deadline = System.nanoTime() + maxWaitNanos;
                while (!closed && pending.size() < Math.min(active, maxBatch)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    arrived.awaitNanos(left);
                }
                int n = Math.min(pending.size(), maxBatch);
                batch = new ArrayList<>(pending.subList(0, n));
                pending.subList(0, n).clear();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                runBatch(batch);
            } catch (Exception | LinkageError e) {
                for (Pending p : batch) {
                    p.logits().completeExceptionally(e);
                }
            }
        }
    }

    private void runBatch(List<Pending> batch) throws OrtException {
        int b = batch.size();
        int longest = 0;
        for (Pending p : batch) {
            longest = Math.max(longest, p.seq().length);
        }
        long[] ids = new long[b];
        long[] positions = new long[b];
        long[] mask = new long[b * (longest + 1)];
        for (int r = 0; r < b; r++) {
            Seq s = batch.get(r).seq();
            ids[r] = batch.get(r).token();
            positions[r] = s.length;
            java.util.Arrays.fill(mask, r * (longest + 1) + (longest - s.length), (r + 1) * (longest + 1), 1L);
        }
        Map<String, ByteBuffer> past = new HashMap<>();
        for (String name : decoder.pastInputs()) {
            int heads = decoder.heads(name);
            int rowBytes = decoder.headDim(name) * decoder.elementBytes();
            ByteBuffer out = ByteBuffer.allocateDirect(b * heads * longest * rowBytes).order(ByteOrder.nativeOrder());
            for (int r = 0; r < b; r++) {
                Seq s = batch.get(r).seq();
                ByteBuffer src = s.kv.get(name);
                for (int h = 0; h < heads; h++) {
                    int to = ((r * heads + h) * longest + (longest - s.length)) * rowBytes;
                    int from = h * s.length * rowBytes;
                    out.put(to, src, from, s.length * rowBytes);
                }
            }
            past.put(name, out);
        }
        try (OrtSession.Result result = decoder.runBatch(ids, positions, mask, longest, past)) {
            float[][] logits = decoder.rows(result, b);
            for (String name : decoder.pastInputs()) {
                ByteBuffer present = ((OnnxTensor) result.get(decoder.presentOf(name)).orElseThrow()).getByteBuffer()
                        .order(ByteOrder.nativeOrder());
                int heads = decoder.heads(name);
                int rowBytes = decoder.headDim(name) * decoder.elementBytes();
                for (int r = 0; r < b; r++) {
                    Seq s = batch.get(r).seq();
                    int len = s.length + 1;
                    ByteBuffer grown = ByteBuffer.allocateDirect(heads * len * rowBytes).order(ByteOrder.nativeOrder());
                    for (int h = 0; h < heads; h++) {
                        int from = ((r * heads + h) * (longest + 1) + (longest - s.length)) * rowBytes;
                        grown.put(h * len * rowBytes, present, from, len * rowBytes);
                    }
                    s.kv.put(name, grown);
                }
            }
            for (int r = 0; r < b; r++) {
                batch.get(r).seq().length++;
                batch.get(r).logits().complete(logits[r]);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
