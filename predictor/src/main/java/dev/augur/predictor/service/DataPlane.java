package dev.augur.predictor.service;

import dev.augur.predictor.config.PredictorConfig;
import dev.augur.predictor.repository.ModelRepository;
import dev.augur.predictor.repository.ModelState;
import dev.augur.predictor.repository.ModelVersion;
import dev.augur.predictor.runtime.LoadedModel;
import dev.augur.predictor.runtime.TextGenerator;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.ModelIndexEntry;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.core.ServerMetadata;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.generate.Generate;
import dev.augur.server.Failures;
import dev.augur.server.InferencePlane;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** The one data plane every transport calls: metadata, readiness and inference on the repository's models. */
@ApplicationScoped
public class DataPlane implements InferencePlane {
    private static final Logger LOG = Logger.getLogger(DataPlane.class);
    static final List<String> EXTENSIONS = List.of("binary_tensor_data", "model_repository", "parameters");

    private final ModelRepository repository;
    private final InferenceMetrics metrics;
    private final ServerMetadata serverMetadata;
    private final Duration loadWait;

    public DataPlane(ModelRepository repository, InferenceMetrics metrics, PredictorConfig config) {
        this.repository = repository;
        this.metrics = metrics;
        this.loadWait = config.models().loadWait();
        String version = DataPlane.class.getPackage().getImplementationVersion();
        this.serverMetadata = new ServerMetadata(config.serverName(), version == null ? "0.1.0" : version,
                EXTENSIONS);
    }

    /** The predictor has a model repository (index, load, unload). */
    @Override
    public String noRepository() {
        return null;
    }

    /** The predictor streams generations (Triton's ModelStreamInfer). */
    @Override
    public String noStreaming() {
        return null;
    }

    @Override
    public ServerMetadata serverMetadata() {
        return serverMetadata;
    }

    public boolean ready() {
        return repository.allReady();
    }

    public boolean modelReady(String name, String version) {
        if (repository.startupLoad(name) != null) {
            return false;
        }
        return repository.resolve(name, version).state() == ModelState.READY;
    }

    public List<String> modelNames() {
        return List.copyOf(repository.names());
    }

    public List<ModelIndexEntry> index(boolean readyOnly) {
        return repository.index(readyOnly);
    }

    public void load(String name) {
        repository.load(name);
    }

    public void unload(String name) {
        repository.unload(name);
    }

    @Override
    public void requireModel(String name, String version) {
        if (repository.startupLoad(name) != null) {
            return;   // the model exists; the request's own fault is the answer
        }
        repository.resolve(name, version);
    }

    public ModelMetadata metadata(String name, String version) {
        ModelVersion v = repository.resolveReady(name, version);
        LoadedModel m = v.loaded();
        List<String> versions = repository.model(name).readyVersions();
        return new ModelMetadata(name, versions, m.platform(), m.inputs(), m.outputs());
    }

    /**
     * Validates the request on the caller's thread, then runs it on the model's bounded executor. Failures
     * complete the future with an {@link InferenceException}.
     */
    public CompletableFuture<InferenceResponse> infer(InferenceRequest request) {
        return afterStartupLoad(request.modelName(), () -> serve(request));
    }

    /**
     * Runs {@code work} at once, or, for a model still in its start-up load, when that load ended (the answer is then
     * the loaded model's, or its load failure); after {@code augur.models.load-wait} without an end, UNAVAILABLE.
     */
    private <T> CompletableFuture<T> afterStartupLoad(String model, Supplier<CompletableFuture<T>> work) {
        CompletableFuture<Void> loading = repository.startupLoad(model);
        if (loading == null) {
            return work.get();
        }
        return loading.copy().orTimeout(loadWait.toMillis(), TimeUnit.MILLISECONDS)
                .handle((loaded, error) -> error).thenCompose(error -> {
                    if (error == null) {
                        return work.get();
                    }
                    InferenceException e = InferenceException.unavailable("model '" + model + "' is still loading "
                            + "after " + loadWait.toMillis() + " ms (augur.models.load-wait); retry later");
                    metrics.count(model, e.code());
                    return CompletableFuture.failedFuture(e);
                });
    }

    private CompletableFuture<InferenceResponse> serve(InferenceRequest request) {
        long start = System.nanoTime();
        try {
            ModelVersion v = repository.resolveReady(request.modelName(), request.modelVersion());
            CompletableFuture<InferenceResponse> f;
            try {
                f = submit(v, request);
            } catch (InferenceException e) {
                // A reload may have swapped this version out between resolving and submitting: try the new one.
                ModelVersion now = repository.resolveReady(request.modelName(), request.modelVersion());
                if (e.code() != ErrorCode.UNAVAILABLE || now == v) {
                    throw e;
                }
                f = submit(now, request);
            }
            return f.handle((response, error) -> finish(request.modelName(), start, response, error));
        } catch (InferenceException e) {
            metrics.count(e.code() == ErrorCode.NOT_FOUND ? "" : request.modelName(), e.code());
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<InferenceResponse> submit(ModelVersion v, InferenceRequest request) {
        LoadedModel m = v.loaded();
        if (m == null) {
            throw InferenceException.unavailable("model '" + v.model() + "' version " + v.version() + " is "
                    + v.state());
        }
        if (m instanceof TextGenerator g) {
            return generate(v, g, request, null);
        }
        List<String> features = repository.model(v.model()).settings().features();
        List<Tensor> inputs = InputValidator.inputs(request.modelName(), m.inputs(),
                features.isEmpty() ? m.featureNames() : features, request);
        List<String> outputs = InputValidator.outputs(request.modelName(), m.outputs(), request);
        return v.infer(inputs, outputs).thenApply(result -> new InferenceResponse(request.modelName(), v.version(),
                request.id(), m.tabularOutputs() ? InferenceResponse.TABLE : null, result));
    }

    /**
     * Streams a generation (Triton's decoupled ModelStreamInfer): every piece of text goes to {@code sink} as a
     * response as soon as it is decoded, the last one carrying the finish reason and {@link Generate#FINAL_RESPONSE}.
     * The future completes when generation is over; failures complete it with an {@link InferenceException}.
     */
    public CompletableFuture<Void> stream(InferenceRequest request, java.util.function.Predicate<InferenceResponse> sink) {
        return afterStartupLoad(request.modelName(), () -> streamNow(request, sink));
    }

    private CompletableFuture<Void> streamNow(InferenceRequest request,
            java.util.function.Predicate<InferenceResponse> sink) {
        long start = System.nanoTime();
        try {
            ModelVersion v = repository.resolveReady(request.modelName(), request.modelVersion());
            if (!(v.loaded() instanceof TextGenerator g)) {
                throw InferenceException.invalid("model '" + request.modelName() + "' does not generate text: "
                        + "ModelStreamInfer is for text-generation models; use ModelInfer");
            }
            return generate(v, g, request, sink).handle((response, error) -> finish(request.modelName(), start,
                    response, error)).thenApply(r -> null);
        } catch (InferenceException e) {
            metrics.count(e.code() == ErrorCode.NOT_FOUND ? "" : request.modelName(), e.code());
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One generation on the version's executor (its instances bound how many run at once, its queue the rest). */
    private CompletableFuture<InferenceResponse> generate(ModelVersion v, TextGenerator g, InferenceRequest request,
            java.util.function.Predicate<InferenceResponse> sink) {
        Tensor prompt = GenerateRequests.prompt(request.modelName(), g, request);
        Generate.Parameters parameters = GenerateRequests.parameters(request);
        List<String> outputs = InputValidator.outputs(request.modelName(), v.loaded().outputs(), request);
        TextGenerator.Sink pieces = sink == null ? null : piece -> sink.test(new InferenceResponse(
                request.modelName(), v.version(), request.id(),
                piece.finished() ? java.util.Map.of(Generate.FINAL_RESPONSE, true) : null, piece.toOutputs(outputs)));
        return v.submit(() -> {
            try {
                return new InferenceResponse(request.modelName(), v.version(), request.id(), null,
                        g.generate(prompt, parameters, pieces).toOutputs(outputs));
            } catch (InferenceException e) {
                throw e;
            } catch (Exception e) {
                LOG.debugf(e, "generation on %s failed", request.modelName());
                throw new InferenceException(ErrorCode.INVALID_ARGUMENT, "model '" + request.modelName()
                        + "' could not generate for this input: " + e.getMessage());
            }
        });
    }

    private InferenceResponse finish(String model, long start, InferenceResponse response, Throwable error) {
        if (error == null) {
            metrics.count(model, null);
            return response;
        }
        Throwable cause = Failures.unwrap(error);
        InferenceException e = cause instanceof InferenceException ie ? ie
                : new InferenceException(ErrorCode.INTERNAL, "model '" + model + "' failed: " + cause);
        if (e.code() == ErrorCode.INTERNAL) {
            LOG.errorf(cause, "inference on %s failed", model);
        }
        metrics.count(model, e.code());
        throw e;
    }
}
