package dev.augur.predictor.repository;

import dev.augur.predictor.batching.DynamicBatcher;
import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.predictor.runtime.ModelSettings;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One version of a model: its state, and once READY the loaded model with its own bounded executor and, when the
 * model's settings ask for it, a dynamic batcher in front. The executor is the backpressure: {@code instances}
 * calls run at once, {@code maxQueueSize} wait, the rest are refused at once.
 */
public final class ModelVersion {
    private static final Logger LOG = Logger.getLogger(ModelVersion.class);

    /** What the version reports about its work, for metrics. */
    public interface Observer {
        void predicted(String model, String version, long nanos);

        void batched(String model, int rows);
    }

    private final String model;
    private final String version;
    private volatile ModelState state = ModelState.UNKNOWN;
    private volatile String reason = "";
    private volatile LoadedModel loaded;
    private volatile ThreadPoolExecutor executor;
    private volatile DynamicBatcher batcher;
    private volatile Observer observer;
    private volatile long inlineBelowNanos;
    /** Moving average of call time; decides whether calls run inline (see augur.models.inline-threshold-micros). */
    private volatile long averageNanos;
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger inlineCalls = new AtomicInteger();

    ModelVersion(String model, String version) {
        this.model = model;
        this.version = version;
    }

    public String model() {
        return model;
    }

    public String version() {
        return version;
    }

    public ModelState state() {
        return state;
    }

    public String reason() {
        return reason;
    }

    public LoadedModel loaded() {
        return loaded;
    }

    /** Bytes the loaded model holds, 0 when not loaded. */
    public long memoryBytes() {
        LoadedModel m = loaded;
        return m == null ? 0 : m.memoryBytes();
    }

    void loading() {
        state = ModelState.LOADING;
        reason = "";
    }

    void ready(LoadedModel m, int instances, int queueSize) {
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(instances, instances, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueSize)), r -> {
                    Thread t = new Thread(r, "model-" + model + "-v" + version + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.loaded = m;
        this.state = ModelState.READY;
        this.reason = "";
    }

    void ready(LoadedModel m, ModelSettings s, ScheduledExecutorService timer, Observer obs, long inlineBelowNanos) {
        this.observer = obs;
        this.inlineBelowNanos = inlineBelowNanos;
        ready(m, s.instances(), s.maxQueueSize());
        if (s.maxBatchSize() > 1) {
            batcher = new DynamicBatcher(s.maxBatchSize(), TimeUnit.MILLISECONDS.toNanos(s.maxLatencyMs()), timer,
                    this::execute, rows -> obs.batched(model, rows));
        }
    }

    void failed(String why) {
        this.state = ModelState.UNAVAILABLE;
        this.reason = why;
    }

    /** Stops taking work, lets accepted requests finish, then releases the model. */
    void unload(String why) {
        state = ModelState.UNLOADING;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inlineCalls.get() > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        ThreadPoolExecutor ex = executor;
        LoadedModel m = loaded;
        if (ex != null) {
            ex.shutdown();
            try {
                ex.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (m != null) {
            m.close();
        }
        loaded = null;
        executor = null;
        batcher = null;
        state = ModelState.UNAVAILABLE;
        reason = why;
    }

    /** Runs the model on validated inputs, batched with other requests when batching is on. */
    public CompletableFuture<List<Tensor>> infer(List<Tensor> inputs, List<String> outputs) {
        DynamicBatcher b = batcher;
        return b != null ? b.submit(inputs, outputs) : execute(inputs, outputs);
    }

    private CompletableFuture<List<Tensor>> execute(List<Tensor> inputs, List<String> outputs) {
        LoadedModel m = loaded;
        if (inlineBelowNanos > 0 && samples.get() >= 32 && averageNanos < inlineBelowNanos) {
            inlineCalls.incrementAndGet();
            try {
                if (state == ModelState.READY) {
                    return CompletableFuture.completedFuture(call(m, inputs, outputs));
                }
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            } finally {
                inlineCalls.decrementAndGet();
            }
        }
        return submit(() -> call(m, inputs, outputs));
    }

    private List<Tensor> call(LoadedModel m, List<Tensor> inputs, List<String> outputs) {
        long t0 = System.nanoTime();
        try {
            return m.infer(inputs, outputs);
        } catch (InferenceException e) {
            throw e;
        } catch (Exception e) {
            // Runtime messages (ONNX Runtime's among them) describe the input problem; keep them, drop the trace.
            LOG.debugf(e, "model %s failed", model);
            throw new InferenceException(ErrorCode.INVALID_ARGUMENT, "model '" + model
                    + "' could not run on this input: " + e.getMessage());
        } finally {
            long nanos = System.nanoTime() - t0;
            samples.incrementAndGet();
            averageNanos += (nanos - averageNanos) / 16;
            Observer o = observer;
            if (o != null) {
                o.predicted(model, version, nanos);
            }
        }
    }

    /** Runs work on this version's executor; refuses at once when its queue is full. */
    public <T> CompletableFuture<T> submit(Callable<T> work) {
        ThreadPoolExecutor ex = executor;
        if (ex == null || state != ModelState.READY) {
            throw new InferenceException(ErrorCode.UNAVAILABLE, "model '" + model + "' version " + version
                    + " is " + state + (reason.isEmpty() ? "" : ": " + reason));
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            ex.execute(() -> {
                try {
                    f.complete(work.call());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            if (ex.isShutdown()) {
                throw new InferenceException(ErrorCode.UNAVAILABLE, "model '" + model + "' version " + version
                        + " is unloading");
            }
            throw new InferenceException(ErrorCode.RESOURCE_EXHAUSTED, "model '" + model + "' has "
                    + ex.getQueue().size() + " requests queued, its limit; retry later");
        }
        return f;
    }
}
