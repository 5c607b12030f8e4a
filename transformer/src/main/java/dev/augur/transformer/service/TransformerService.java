package dev.augur.transformer.service;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.core.ServerMetadata;
import dev.augur.server.InferencePlane;
import dev.augur.server.ServerConfig;
import dev.augur.telemetry.Tracing;
import dev.augur.transformer.client.PredictorClient;
import dev.augur.transformer.config.PipelineReader;
import dev.augur.transformer.config.PipelineSpec;
import dev.augur.transformer.config.TransformerConfig;
import io.quarkus.runtime.Shutdown;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The transformer's data plane, called by every transport: reads the pipeline at start-up (failing start-up on any
 * error in it), then runs each request through it on a bounded pool of processing threads.
 */
@Startup
@ApplicationScoped
public class TransformerService implements InferencePlane {
    private static final Logger LOG = Logger.getLogger(TransformerService.class);
    static final List<String> EXTENSIONS = List.of("binary_tensor_data", "parameters");

    private final Pipeline pipeline;
    private final PipelineSpec spec;
    private final PredictorClient client;
    private final ThreadPoolExecutor executor;
    /** The executor as the pipeline uses it: in the caller's trace context when tracing is on. */
    private final java.util.concurrent.Executor traced;
    private final TransformMetrics metrics;
    private final ServerMetadata serverMetadata;

    public TransformerService(TransformerConfig config, ServerConfig server, TransformMetrics metrics) {
        this.metrics = metrics;
        String source = config.pipeline();
        String yaml;
        Path base;
        if (source.contains("\n")) {
            yaml = source;
            base = Path.of(".");
            source = "augur.transformer.pipeline";
        } else {
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("pipeline file " + file.toAbsolutePath() + " not found (set "
                        + "augur.transformer.pipeline / AUGUR_TRANSFORMER_PIPELINE to a YAML file or inline YAML)");
            }
            try {
                yaml = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            base = file.toAbsolutePath().getParent();
        }
        PipelineSpec read = PipelineReader.read(yaml, source);
        PipelineSpec s = config.modelName().map(read::withName).orElse(read);
        String address = config.predictorAddress().orElse(s.predictorAddress());
        if (address == null) {
            throw new IllegalArgumentException(source + ": 'predictor.address' is required (or set "
                    + "augur.transformer.predictor-address)");
        }
        this.spec = s;
        StepRegistry registry = StepRegistry.load();
        this.pipeline = new Pipeline(s.name(), s.predictorModel(), registry.create(s.preprocess(), base),
                registry.create(s.postprocess(), base), s.outputs());
        this.client = new PredictorClient(address, config.predictorAuthority().orElse(null), s.timeoutMillis(),
                server.internalToken().orElse(null));
        int threads = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.maxQueueSize())), r -> {
                    Thread t = new Thread(r, "transform-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.traced = Tracing.propagating(executor);
        String version = TransformerService.class.getPackage().getImplementationVersion();
        this.serverMetadata = new ServerMetadata(config.serverName(), version == null ? "0.1.0" : version,
                EXTENSIONS);
        LOG.infof("pipeline '%s': %d preprocess and %d postprocess steps, predictor %s model '%s' (steps known: %s)",
                s.name(), s.preprocess().size(), s.postprocess().size(), address, s.predictorModel(),
                registry.names());
    }

    @Override
    public String noRepository() {
        return "the transformer has no model repository; use the predictor's";
    }

    /** Triton's streaming RPC is for generative models, which a transformer pipeline does not front. */
    @Override
    public String noStreaming() {
        return "ModelStreamInfer is not served by a transformer: stream from the predictor (or the gateway's "
                + "OpenAI API)";
    }

    @Override
    public ServerMetadata serverMetadata() {
        return serverMetadata;
    }

    @Override
    public List<String> modelNames() {
        return List.of(spec.name());
    }

    @Override
    public boolean ready() {
        return true;
    }

    /** One model, one version: any version of the pipeline's model is it. */
    @Override
    public boolean modelReady(String name, String version) {
        check(name, null);
        return true;
    }

    public PredictorClient client() {
        return client;
    }

    public ModelMetadata metadata(String name, String version) {
        check(name, version);
        return new ModelMetadata(spec.name(), List.of("1"), "augur-transformer", List.of(), List.of());
    }

    private void check(String name, String version) {
        if (!spec.name().equals(name)) {
            throw InferenceException.notFound("unknown model '" + name + "'; this transformer serves '"
                    + spec.name() + "'");
        }
        if (version != null && !version.equals("1")) {
            throw InferenceException.notFound("model '" + name + "' has no version '" + version + "'");
        }
    }

    /** Runs one request; failures complete the future with an {@link InferenceException}. */
    public CompletableFuture<InferenceResponse> infer(InferenceRequest request) {
        check(request.modelName(), request.modelVersion());
        try {
            return pipeline.run(request, client::infer, traced, metrics);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new InferenceException(ErrorCode.RESOURCE_EXHAUSTED,
                    "the transformer is busy: " + executor.getQueue().size() + " requests wait; retry later"));
        }
    }

    @Shutdown
    void stop() {
        executor.shutdown();
        client.close();
    }
}
