package dev.augur.explainer.service;

import dev.augur.explainer.algorithm.Anchors;
import dev.augur.explainer.algorithm.BatchModel;
import dev.augur.explainer.algorithm.KernelShap;
import dev.augur.explainer.algorithm.Lime;
import dev.augur.explainer.algorithm.Problem;
import dev.augur.explainer.client.PredictorClient;
import dev.augur.explainer.config.ExplainerConfig;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.protocol.explain.Explanation;
import io.grpc.Deadline;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The explainer's one data plane, under both the REST and the gRPC transport: checks the instances against the
 * model's metadata, runs the method with the model behind {@link PredictorClient}, and counts what it cost.
 * Blocking: called on worker threads.
 */
@ApplicationScoped
public class ExplainService {
    private final ExplainerConfig config;
    private final ModelData data;
    private final PredictorClient predictor;
    private final MeterRegistry registry;

    public ExplainService(ExplainerConfig config, ModelData data, PredictorClient predictor,
            MeterRegistry registry) {
        this.config = config;
        this.data = data;
        this.predictor = predictor;
        this.registry = registry;
    }

    public Explanation explain(InferenceRequest request) {
        Timer.Sample sample = Timer.start(registry);
        try {
            return run(request);
        } finally {
            sample.stop(Timer.builder("request_explain_seconds").description("Time to explain a request")
                    .tag("model_name", request.modelName()).publishPercentileHistogram().register(registry));
        }
    }

    private Explanation run(InferenceRequest request) {
        ModelData.Settings settings = data.forModel(request.modelName());
        ExplainParameters params = ExplainParameters.of(config, settings, request.parameters());
        Deadline deadline = Deadline.after(config.deadline().toMillis(), TimeUnit.MILLISECONDS);
        ModelMetadata meta = predictor.metadata(request.modelName(), request.modelVersion(), deadline);
        TensorSpec input = singleInput(meta);
        double[][] instances = instances(request);
        int m = instances[0].length;
        long declared = input.shape().length == 0 ? -1 : input.shape()[input.shape().length - 1];
        if (declared > 0 && declared != m) {
            throw InferenceException.invalid("instance has " + m + " features but model '" + meta.name()
                    + "' input '" + input.name() + "' takes " + declared + " (shape " + Arrays.toString(input.shape())
                    + ")");
        }
        if (settings.background() == null) {
            throw InferenceException.invalid("no background dataset for model '" + request.modelName()
                    + "': the " + params.method() + " explainer needs one; set augur.explainer.background or "
                    + "augur.explainer.models.\"" + request.modelName() + "\".background (a CSV/JSON file or "
                    + "inline rows)");
        }
        if (settings.background()[0].length != m) {
            throw InferenceException.invalid("background dataset " + describe(settings.backgroundSource())
                    + " has " + settings.background()[0].length + " columns but the instance has " + m
                    + " features");
        }
        List<String> names = settings.featureNames() == null
                ? IntStream.range(0, m).mapToObj(i -> "x" + i).toList() : settings.featureNames();
        if (names.size() != m) {
            throw InferenceException.invalid("feature names " + names + " are " + names.size()
                    + " but the instance has " + m + " features");
        }
        String output = chooseOutput(meta, params.output());
        Counter counter = new Counter(request, input, output, deadline);
        Problem problem = new Problem(counter, settings.background(), names, params.seed(), params.target());
        List<Explanation.Result> results = new ArrayList<>();
        for (double[] x : instances) {
            results.add(switch (params.method()) {
                case "kernel-shap" -> new KernelShap(params.samples()).explain(problem, x);
                case "lime" -> new Lime(params.samples(), params.kernelWidth(), params.discretize(),
                        config.lime().alpha()).explain(problem, x);
                default -> anchors(params).explain(problem, x);
            });
        }
        return new Explanation(params.method(), request.modelName(),
                counter.version != null ? counter.version : request.modelVersion(), request.id(), output, names,
                params.report(config, m), counter.calls, counter.rows, results);
    }

    private Anchors anchors(ExplainParameters p) {
        ExplainerConfig.Anchors a = config.anchors();
        return new Anchors(p.threshold(), a.delta(), a.tau(), a.epsilonStop(), p.beamSize(), a.batchSize(),
                a.maxAnchorSize(), a.maxSamples());
    }

    private static String describe(String source) {
        return source == null ? "" : source.startsWith("[") || source.startsWith("{") ? "(inline)"
                : "'" + source + "'";
    }

    /** The model, as the algorithms see it, counting calls and rows. */
    private final class Counter implements BatchModel {
        final InferenceRequest request;
        final TensorSpec input;
        final String output;
        final Deadline deadline;
        long calls;
        long rows;
        String version;

        Counter(InferenceRequest request, TensorSpec input, String output, Deadline deadline) {
            this.request = request;
            this.input = input;
            this.output = output;
            this.deadline = deadline;
        }

        @Override
        public double[][] predict(double[][] batch) {
            PredictorClient.Batch b = predictor.infer(request.modelName(), request.modelVersion(), input, output,
                    batch, deadline);
            calls += b.calls();
            rows += batch.length;
            version = b.modelVersion();
            return b.outputs();
        }
    }

    private static TensorSpec singleInput(ModelMetadata meta) {
        if (meta.inputs().size() != 1) {
            throw InferenceException.invalid("model '" + meta.name() + "' has " + meta.inputs().size()
                    + " inputs; the explainer explains models with one [rows, features] input");
        }
        TensorSpec in = meta.inputs().get(0);
        if (in.datatype() == DataType.BYTES || in.shape().length > 2) {
            throw InferenceException.invalid("model '" + meta.name() + "' input '" + in.name() + "' is "
                    + in.datatype() + " " + Arrays.toString(in.shape())
                    + "; the explainer explains numeric [rows, features] inputs");
        }
        return in;
    }

    private static String chooseOutput(ModelMetadata meta, String wanted) {
        List<String> names = meta.outputs().stream().map(TensorSpec::name).toList();
        if (wanted != null) {
            if (!names.contains(wanted)) {
                throw InferenceException.invalid("model '" + meta.name() + "' has no output '" + wanted
                        + "'; it has " + names);
            }
            return wanted;
        }
        if (names.isEmpty()) {
            throw InferenceException.invalid("model '" + meta.name() + "' declares no outputs");
        }
        return names.contains("probabilities") ? "probabilities" : names.get(0);
    }

    /** The request's one input tensor as rows: [rows, features] or [features] (one row). */
    private static double[][] instances(InferenceRequest request) {
        if (request.inputs().size() != 1) {
            throw InferenceException.invalid("explain takes one input tensor of instances [rows, features], got "
                    + request.inputs().size() + (request.inputs().size() > 1 ? " (named features are not supported)"
                            : ""));
        }
        Tensor t = request.inputs().get(0); // its name does not matter: it goes to the model's one input
        if (t.datatype() == DataType.BYTES || t.datatype() == DataType.BOOL) {
            throw InferenceException.invalid("instances must be numbers, got " + t.datatype());
        }
        long[] s = t.shape();
        if (s.length == 0 || s.length > 2 || t.size() == 0) {
            throw InferenceException.invalid("instances must have shape [rows, features] or [features], got "
                    + Arrays.toString(s));
        }
        int rows = s.length == 1 ? 1 : (int) s[0];
        int m = (int) s[s.length - 1];
        double[][] out = new double[rows][m];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < m; c++) {
                out[r][c] = t.getDouble(r * m + c);
                if (!Double.isFinite(out[r][c])) {
                    throw InferenceException.invalid("instance " + r + " feature " + c + " is not a finite number");
                }
            }
        }
        return out;
    }
}
