package dev.augur.protocol.explain;

import com.google.protobuf.ByteString;
import dev.augur.proto.explain.AugurExplain.ExplainRequest;
import dev.augur.proto.explain.AugurExplain.ExplainResponse;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.grpc.GrpcCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The internal {@code augur.explain.ExplainerService} messages to and from the neutral types. */
public final class ExplainGrpcCodec {
    /** The name unnamed instances (V1 rows) travel under. */
    public static final String INSTANCES = "instances";
    private ExplainGrpcCodec() {
    }

    /**
     * An explain call into a neutral request: the instances' tensors, the target from the outer fields, and the
     * method and overrides as request parameters (as the REST bodies carry them).
     */
    public static InferenceRequest decodeRequest(ExplainRequest r) {
        if (r.getModelName().isEmpty()) {
            throw InferenceException.invalid("ExplainRequest.model_name is empty");
        }
        if (!r.hasInstances() || r.getInstances().getInputsCount() == 0) {
            throw InferenceException.invalid("ExplainRequest.instances has no input tensor to explain");
        }
        InferenceRequest inner = GrpcCodec.decodeRequest(r.getInstances());
        Map<String, Object> params = new LinkedHashMap<>(inner.parameters());
        params.putAll(GrpcCodec.parameters(r.getParametersMap()));
        if (!r.getMethod().isEmpty()) {
            params.put(ExplainJsonCodec.METHOD, r.getMethod());
        }
        String id = r.getId().isEmpty() ? (inner.id() == null || inner.id().isEmpty()
                ? UUID.randomUUID().toString() : inner.id()) : r.getId();
        return new InferenceRequest(id, r.getModelName(), r.getModelVersion().isEmpty() ? null : r.getModelVersion(),
                params, inner.inputs(), inner.outputs(), inner.typeless());
    }

    /** A neutral request (e.g. decoded V1/V2 explain JSON at the gateway) into the call. */
    public static ExplainRequest encodeRequest(InferenceRequest r) {
        Map<String, Object> params = new LinkedHashMap<>(r.parameters());
        Object method = params.remove(ExplainJsonCodec.METHOD);
        ExplainRequest.Builder b = ExplainRequest.newBuilder()
                .setModelName(r.modelName())
                .setId(r.id() == null ? "" : r.id())
                .setInstances(GrpcCodec.encodeRequest(new InferenceRequest(r.id(), r.modelName(), r.modelVersion(),
                        Map.of(), named(r.inputs()), r.outputs(), r.typeless())))
                .putAllParameters(GrpcCodec.toProto(params));
        if (r.modelVersion() != null) {
            b.setModelVersion(r.modelVersion());
        }
        if (method != null) {
            b.setMethod(method.toString());
        }
        return b.build();
    }

    /** V1 rows decode to an unnamed tensor, which V2 gRPC cannot carry: they travel as {@value #INSTANCES}. */
    private static List<Tensor> named(List<Tensor> inputs) {
        return inputs.stream().map(t -> t.name().isEmpty() ? t.withName(INSTANCES) : t).toList();
    }

    public static ExplainResponse encodeResponse(Explanation e) {
        ExplainResponse.Builder b = ExplainResponse.newBuilder()
                .setModelName(e.modelName())
                .setId(e.id() == null ? "" : e.id())
                .setMethod(e.method())
                .setExplanationJson(ByteString.copyFrom(ExplainJsonCodec.encode(e)))
                .setModelCalls(e.modelCalls())
                .setSamples(e.samples());
        if (e.modelVersion() != null) {
            b.setModelVersion(e.modelVersion());
        }
        return b.build();
    }

    /** The explainer's answer as the {@code {"explanations": ...}} document it wrote, for a REST caller. */
    public static byte[] decodeDocument(ExplainResponse r) {
        return r.getExplanationJson().toByteArray();
    }
}
