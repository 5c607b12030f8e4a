package dev.augur.transformer.service;

import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.v1.V1JsonCodec;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.TransformStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Preprocess -> one batched predictor call -> postprocess, written once. The predict step is a function so the
 * same pipeline runs against the gRPC client in the service and against anything in tests.
 */
public final class Pipeline {
    /** Observes the stages' durations (metrics). */
    public interface Observer {
        void preprocessed(String model, long nanos);

        void predicted(String model, long nanos);

        void postprocessed(String model, long nanos);

        Observer NONE = new Observer() {
            @Override
            public void preprocessed(String model, long nanos) {
            }

            @Override
            public void predicted(String model, long nanos) {
            }

            @Override
            public void postprocessed(String model, long nanos) {
            }
        };
    }

    private final String name;
    private final String predictorModel;
    private final List<TransformStep> preprocess;
    private final List<TransformStep> postprocess;
    private final List<String> outputs;

    public Pipeline(String name, String predictorModel, List<TransformStep> preprocess,
            List<TransformStep> postprocess, List<String> outputs) {
        this.name = name;
        this.predictorModel = predictorModel;
        this.preprocess = List.copyOf(preprocess);
        this.postprocess = List.copyOf(postprocess);
        this.outputs = List.copyOf(outputs);
    }

    public String name() {
        return name;
    }

    /** Runs the preprocess steps and builds the one request for the predictor. */
    public InferenceRequest preprocess(InferenceRequest request) {
        StepContext context = new StepContext(request.modelName(), request.parameters(), List.of());
        List<Tensor> tensors = request.inputs();
        for (TransformStep step : preprocess) {
            tensors = step.apply(tensors, context);
        }
        Map<String, Object> params = new HashMap<>(request.parameters());
        if (!preprocess.isEmpty()) {
            // Named columns have been turned into the model's tensors: the predictor must not map them again.
            params.remove(V1JsonCodec.CONTENT_TYPE);
        }
        return new InferenceRequest(request.id(), predictorModel, null, params, tensors, List.of(),
                request.typeless() && preprocess.isEmpty());
    }

    /** Runs the postprocess steps on the predictor's answer and keeps the configured or requested outputs. */
    public InferenceResponse postprocess(InferenceRequest original, InferenceRequest sent,
            InferenceResponse predicted) {
        StepContext context = new StepContext(original.modelName(), original.parameters(), sent.inputs());
        List<Tensor> tensors = predicted.outputs();
        for (TransformStep step : postprocess) {
            tensors = step.apply(tensors, context);
        }
        List<String> keep = !original.outputs().isEmpty()
                ? original.outputs().stream().map(InferenceRequest.RequestedOutput::name).toList()
                : outputs;
        if (!keep.isEmpty()) {
            List<Tensor> selected = new ArrayList<>(keep.size());
            for (String n : keep) {
                Tensor t = dev.augur.transformer.spi.Tensors.find(tensors, n);
                if (t == null) {
                    throw dev.augur.protocol.core.InferenceException.invalid("unknown output '" + n + "'; the pipeline "
                            + "answers " + tensors.stream().map(Tensor::name).toList());
                }
                selected.add(t);
            }
            tensors = selected;
        }
        return new InferenceResponse(name, predicted.modelVersion(), original.id(), predicted.parameters(), tensors);
    }

    /**
     * Pre- and post-processing that together take less than this run on the calling thread (the request's event loop
     * and the predictor call's transport thread): for a step like ordering four fields, handing the work to the
     * executor and back costs far more than the work. Heavier pipelines (images, tokenising) stay on the executor.
     */
    static final long INLINE_NANOS = 50_000;

    /** Moving average of pre + post processing time; negative until the first request has been measured. */
    private volatile long recentNanos = -1;

    /** The whole request: preprocess and postprocess inline when cheap, else on {@code executor}. */
    public CompletableFuture<InferenceResponse> run(InferenceRequest request,
            Function<InferenceRequest, CompletableFuture<InferenceResponse>> predictor, Executor executor,
            Observer observer) {
        long recent = recentNanos;
        if (recent < 0 || recent > INLINE_NANOS) {
            return runOn(executor, request, predictor, observer);
        }
        InferenceRequest sent;
        long t0 = System.nanoTime();
        long pre;
        try {
            sent = preprocess(request);
            pre = System.nanoTime() - t0;
            observer.preprocessed(name, pre);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long t1 = System.nanoTime();
        return predictor.apply(sent).thenApply(predicted -> {
            observer.predicted(name, System.nanoTime() - t1);
            return post(request, sent, predicted, pre, observer);
        });
    }

    private CompletableFuture<InferenceResponse> runOn(Executor executor, InferenceRequest request,
            Function<InferenceRequest, CompletableFuture<InferenceResponse>> predictor, Observer observer) {
        long[] pre = new long[1];
        return CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            InferenceRequest sent = preprocess(request);
            pre[0] = System.nanoTime() - t0;
            observer.preprocessed(name, pre[0]);
            return sent;
        }, executor).thenCompose(sent -> {
            long t1 = System.nanoTime();
            return predictor.apply(sent).thenApplyAsync(predicted -> {
                observer.predicted(name, System.nanoTime() - t1);
                return post(request, sent, predicted, pre[0], observer);
            }, executor);
        });
    }

    private InferenceResponse post(InferenceRequest request, InferenceRequest sent, InferenceResponse predicted,
            long pre, Observer observer) {
        long t2 = System.nanoTime();
        InferenceResponse out = postprocess(request, sent, predicted);
        long post = System.nanoTime() - t2;
        observer.postprocessed(name, post);
        long recent = recentNanos;
        recentNanos = recent < 0 ? pre + post : (recent * 7 + pre + post) / 8;
        return out;
    }
}
