package dev.augur.explainer.client;

import dev.augur.explainer.config.ExplainerConfig;
import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataResponse;
import dev.augur.proto.inference.GrpcPredictV2.ServerLiveRequest;
import dev.augur.protocol.DataType;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.ErrorTable;
import dev.augur.protocol.GrpcCodec;
import dev.augur.protocol.InferenceException;
import dev.augur.protocol.InferenceRequest;
import dev.augur.protocol.InferenceResponse;
import dev.augur.protocol.ModelMetadata;
import dev.augur.protocol.Tensor;
import dev.augur.protocol.TensorSpec;
import dev.augur.telemetry.Tracing;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one wrapper of the predictor's V2 gRPC stub: plaintext h2c to {@code augur.explainer.predictor}, a deadline
 * on every call, one retry on UNAVAILABLE, and the mapping between proto and neutral types. Perturbed samples go
 * as one ModelInfer per batch of up to {@code max-batch-rows} rows.
 */
@ApplicationScoped
public class PredictorClient {
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;
    private final ManagedChannel channel;
    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;
    private final int maxBatchRows;
    private final String target;

    public PredictorClient(ExplainerConfig config) {
        this.target = config.predictor();
        ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forTarget(target).usePlaintext()
                .maxInboundMessageSize(MAX_MESSAGE);
        config.predictorAuthority().ifPresent(builder::overrideAuthority);
        if (Tracing.enabled()) {
            builder.intercept(Tracing.PROPAGATION);
        }
        this.channel = builder.build();
        this.stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withMaxOutboundMessageSize(MAX_MESSAGE);
        this.maxBatchRows = config.maxBatchRows();
    }

    @PreDestroy
    void close() {
        channel.shutdownNow();
    }

    /** The model's inputs and outputs (ModelMetadata); not counted as a model call. */
    public ModelMetadata metadata(String model, String version, Deadline deadline) {
        ModelMetadataRequest.Builder r = ModelMetadataRequest.newBuilder().setName(model);
        if (version != null) {
            r.setVersion(version);
        }
        ModelMetadataResponse m = call(() -> stub.withDeadline(deadline).modelMetadata(r.build()));
        List<TensorSpec> in = new ArrayList<>();
        for (ModelMetadataResponse.TensorMetadata t : m.getInputsList()) {
            in.add(spec(t));
        }
        List<TensorSpec> out = new ArrayList<>();
        for (ModelMetadataResponse.TensorMetadata t : m.getOutputsList()) {
            out.add(spec(t));
        }
        return new ModelMetadata(m.getName(), m.getVersionsList(), m.getPlatform(), in, out);
    }

    private static TensorSpec spec(ModelMetadataResponse.TensorMetadata t) {
        return new TensorSpec(t.getName(), DataType.parse(t.getDatatype(), "predictor metadata of '" + t.getName()
                + "'"), t.getShapeList().stream().mapToLong(Long::longValue).toArray());
    }

    /** Whether the predictor answers at all (readiness). */
    public boolean live() {
        try {
            return stub.withDeadlineAfter(1, TimeUnit.SECONDS).serverLive(ServerLiveRequest.getDefaultInstance()).getLive();
        } catch (StatusRuntimeException e) {
            return false;
        }
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
            ModelInferRequest wire = GrpcCodec.encodeRequest(req);
            ModelInferResponse resp = call(() -> stub.withDeadline(deadline).modelInfer(wire));
            calls++;
            InferenceResponse decoded = GrpcCodec.decodeResponse(resp);
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

    private <T> T call(Supplier<T> rpc) {
        try {
            try {
                return rpc.get();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                    throw e;
                }
                return rpc.get();
            }
        } catch (StatusRuntimeException e) {
            Status s = e.getStatus();
            String what = s.getDescription() == null ? s.getCode().name() : s.getDescription();
            if (s.getCode() == Status.Code.UNAVAILABLE) {
                what = "predictor at " + target + " is unavailable: " + what;
            }
            throw new InferenceException(ErrorTable.fromGrpc(s.getCode()), what);
        }
    }
}
