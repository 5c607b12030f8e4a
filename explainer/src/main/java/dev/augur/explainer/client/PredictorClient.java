package dev.augur.explainer.client;

import dev.augur.client.ComponentClient;
import dev.augur.client.Forwarded;
import dev.augur.client.Peer;
import dev.augur.explainer.config.ExplainerConfig;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.server.ServerConfig;
import dev.augur.telemetry.Tracing;
import io.grpc.Deadline;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The explainer's calls to its predictor, through the shared {@link ComponentClient} (the deadline, the
 * connect-refused retry, the 64 MiB limit, failures in the error model, metadata decoded by {@code protocol/}), and
 * the mapping of perturbed samples into tensors: one ModelInfer per batch of up to {@code max-batch-rows} rows.
 * Blocking, as the explanation methods that call it are (they run on worker threads).
 */
@ApplicationScoped
public class PredictorClient {
    private final ComponentClient client;
    private final Peer predictor;
    private final int maxBatchRows;

    public PredictorClient(ExplainerConfig config, ServerConfig server) {
        // No timeout of its own: each call gets the deadline of the explanation it serves.
        this.predictor = Peer.at("predictor", config.predictor(), null, config.predictorAuthority().orElse(null));
        // Local mode's token (its own gateway's) on every call: the predictor, or the gateway on the way, takes it.
        this.client = new ComponentClient(Tracing.enabled() ? List.of(Tracing.PROPAGATION) : List.of(),
                server.internalToken().orElse(null));
        this.maxBatchRows = config.maxBatchRows();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The model's inputs and outputs (ModelMetadata); not counted as a model call. */
    public ModelMetadata metadata(String model, String version, Deadline deadline) {
        return await(client.metadata(predictor, Forwarded.NONE, deadline, model, version));
    }

    /** Whether the predictor answers at all (readiness). */
    public boolean live() {
        return await(client.live(predictor, Deadline.after(1, TimeUnit.SECONDS)));
    }

    /** The result of a batched evaluation: one output row per input row, and what it cost. */
    public record Batch(double[][] outputs, int calls, String modelVersion) {
    }

    /**
     * Evaluates {@code rows} ([rows][features]) on one input and returns the named output per row, split into
     * calls of at most {@code max-batch-rows} rows.
     */
    public Batch infer(String model, String version, TensorSpec input, String output, double[][] rows,
            Deadline deadline) {
        double[][] result = new double[rows.length][];
        int calls = 0;
        String answered = null;
        for (int from = 0; from < rows.length; from += maxBatchRows) {
            int to = Math.min(rows.length, from + maxBatchRows);
            InferenceRequest req = new InferenceRequest("", model, version, null,
                    List.of(tensor(input, rows, from, to)), List.of(new InferenceRequest.RequestedOutput(output,
                            null)), false);
            InferenceResponse decoded = await(client.infer(predictor, Forwarded.NONE, deadline, req));
            calls++;
            answered = decoded.modelVersion();
            Tensor t = decoded.output(output);
            if (t == null) {
                throw new InferenceException(ErrorCode.INTERNAL, "predictor answered without output '" + output + "'");
            }
            int n = to - from;
            int k = t.size() / n;
            for (int r = 0; r < n; r++) {
                double[] o = new double[k];
                for (int c = 0; c < k; c++) {
                    o[c] = t.getDouble(r * k + c);
                }
                result[from + r] = o;
            }
        }
        return new Batch(result, calls, answered);
    }

    private static Tensor tensor(TensorSpec input, double[][] rows, int from, int to) {
        int m = rows[from].length;
        int n = to - from;
        long[] shape = input.shape().length == 1 ? new long[] {(long) n * m} : new long[] {n, m};
        if (input.datatype() == DataType.FP32) {
            float[] v = new float[n * m];
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < m; c++) {
                    v[r * m + c] = (float) rows[from + r][c];
                }
            }
            return Tensor.ofFloats(input.name(), shape, v);
        }
        double[] v = new double[n * m];
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows[from + r], 0, v, r * m, m);
        }
        return Tensor.ofDoubles(input.name(), shape, v).castTo(input.datatype());
    }

    /** The call's answer, or its {@link InferenceException} as it is. */
    private static <T> T await(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
