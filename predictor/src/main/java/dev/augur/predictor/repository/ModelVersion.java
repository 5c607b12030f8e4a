package dev.augur.predictor.repository;

import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.InferenceException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One version of a model: its state, and once READY the loaded model with its own bounded executor. The executor
 * is the backpressure: {@code instances} requests run at once, {@code maxQueueSize} wait, the rest are refused.
 */
public final class ModelVersion {
    private final String model;
    private final String version;
    private volatile ModelState state = ModelState.UNKNOWN;
    private volatile String reason = "";
    private volatile LoadedModel loaded;
    private volatile ThreadPoolExecutor executor;

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

    void loading() {
        state = ModelState.LOADING;
        reason = "";
    }

    void ready(LoadedModel m, int instances, int queueSize) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor ex = new ThreadPoolExecutor(instances, instances, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queueSize)), r -> {
                    Thread t = new Thread(r, "model-" + model + "-v" + version + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.loaded = m;
        this.executor = ex;
        this.state = ModelState.READY;
        this.reason = "";
    }

    void failed(String why) {
        this.state = ModelState.UNAVAILABLE;
        this.reason = why;
    }

    /** Stops taking work, lets queued requests finish, then releases the model. */
    void unload(String why) {
        state = ModelState.UNLOADING;
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
        state = ModelState.UNAVAILABLE;
        reason = why;
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
