package dev.augur.protocol.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import dev.augur.proto.inference.GrpcPredictV2.InferParameter;
import dev.augur.proto.inference.GrpcPredictV2.InferTensorContents;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataResponse;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.ModelIndexEntry;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.protocol.core.TensorWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The V2 gRPC messages to and from the neutral types. Inputs come as typed {@code contents} or as
 * {@code raw_input_contents} (wrapped, not copied); a response uses {@code raw_output_contents} when asked to, and
 * always when an output is FP16/BF16, which has no typed field.
 */
public final class GrpcCodec {
    private GrpcCodec() {
    }

    public static InferenceRequest decodeRequest(ModelInferRequest r) {
        if (r.getModelName().isEmpty()) {
            throw InferenceException.invalid("'model_name' is missing");
        }
        if (r.getInputsCount() == 0) {
            throw InferenceException.invalid("request has no 'inputs'");
        }
        boolean raw = r.getRawInputContentsCount() > 0;
        if (raw && r.getRawInputContentsCount() != r.getInputsCount()) {
            throw InferenceException.invalid("'raw_input_contents' has " + r.getRawInputContentsCount()
                    + " entries for " + r.getInputsCount() + " inputs");
        }
        List<Tensor> inputs = new ArrayList<>(r.getInputsCount());
        for (int i = 0; i < r.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor in = r.getInputs(i);
            String where = "input '" + in.getName() + "'";
            if (in.getName().isEmpty()) {
                throw InferenceException.invalid("inputs[" + i + "]: 'name' is missing");
            }
            DataType type = DataType.parse(in.getDatatype(), where);
            long[] shape = in.getShapeList().stream().mapToLong(Long::longValue).toArray();
            for (long d : shape) {
                if (d < 0) {
                    throw InferenceException.invalid(where + ": shape has a negative dimension " + d);
                }
            }
            Map<String, Object> params = parameters(in.getParametersMap());
            if (raw) {
                if (in.hasContents()) {
                    throw InferenceException.invalid(where + ": has 'contents' while the request uses "
                            + "'raw_input_contents'");
                }
                inputs.add(Tensor.of(in.getName(), type, shape, r.getRawInputContents(i).asReadOnlyByteBuffer(),
                        params));
            } else {
                inputs.add(fromContents(in.getName(), type, shape, in.getContents(), params));
            }
        }
        List<InferenceRequest.RequestedOutput> outputs = new ArrayList<>(r.getOutputsCount());
        for (ModelInferRequest.InferRequestedOutputTensor o : r.getOutputsList()) {
            outputs.add(new InferenceRequest.RequestedOutput(o.getName(), parameters(o.getParametersMap())));
        }
        String id = r.getId().isEmpty() ? UUID.randomUUID().toString() : r.getId();
        String version = r.getModelVersion().isEmpty() ? null : r.getModelVersion();
        return new InferenceRequest(id, r.getModelName(), version, parameters(r.getParametersMap()), inputs,
                outputs, false);
    }

    private static Tensor fromContents(String name, DataType type, long[] shape, InferTensorContents c,
            Map<String, Object> params) {
        long count = Tensor.elementCount(shape, name);
        String where = "input '" + name + "' (" + type + ")";
        if (type == DataType.BYTES) {
            check(where, "bytes_contents", c.getBytesContentsCount(), count);
            byte[][] e = new byte[c.getBytesContentsCount()][];
            for (int i = 0; i < e.length; i++) {
                e[i] = c.getBytesContents(i).toByteArray();
            }
            return Tensor.ofBytes(name, shape, e, params);
        }
        if (count * type.size() > Integer.MAX_VALUE) {
            throw InferenceException.invalid(where + ": tensor larger than 2 GiB");
        }
        TensorWriter w = new TensorWriter(name, type, (int) count);
        switch (type) {
            case BOOL -> {
                check(where, "bool_contents", c.getBoolContentsCount(), count);
                for (int i = 0; i < count; i++) {
                    w.putBool(c.getBoolContents(i));
                }
            }
            case INT8, INT16, INT32 -> {
                check(where, "int_contents", c.getIntContentsCount(), count);
                for (int i = 0; i < count; i++) {
                    w.putLong(c.getIntContents(i));
                }
            }
            case INT64 -> {
                check(where, "int64_contents", c.getInt64ContentsCount(), count);
                for (int i = 0; i < count; i++) {
                    w.putLong(c.getInt64Contents(i));
                }
            }
            case UINT8, UINT16, UINT32 -> {
                check(where, "uint_contents", c.getUintContentsCount(), count);
                for (int i = 0; i < count; i++) {
                    w.putLong(Integer.toUnsignedLong(c.getUintContents(i)));
                }
            }
            case UINT64 -> {
                check(where, "uint64_contents", c.getUint64ContentsCount(), count);
                for (int i = 0; i < count; i++) {
                    long v = c.getUint64Contents(i);
                    if (v < 0) {
                        w.putBig(new java.math.BigInteger(Long.toUnsignedString(v)));
                    } else {
                        w.putLong(v);
                    }
                }
            }
            case FP32 -> {
                check(where, "fp32_contents", c.getFp32ContentsCount(), count);
                for (int i = 0; i < count; i++) {
                    w.putFloat(c.getFp32Contents(i));
                }
            }
            case FP64 -> {
                check(where, "fp64_contents", c.getFp64ContentsCount(), count);
                for (int i = 0; i < count; i++) {
                    w.putDouble(c.getFp64Contents(i));
                }
            }
            default -> throw InferenceException.invalid(where + ": " + type
                    + " has no typed contents field; send it in 'raw_input_contents'");
        }
        return Tensor.of(name, type, shape, w.finish(), params);
    }

    private static void check(String where, String field, int got, long count) {
        if (got != count) {
            throw InferenceException.invalid(where + ": shape needs " + count + " elements, '" + field + "' has "
                    + got);
        }
    }

    /** Encodes a response; {@code raw} answers in {@code raw_output_contents}, as the request came. */
    public static ModelInferResponse encodeResponse(InferenceResponse resp, boolean raw) {
        boolean useRaw = raw;
        for (Tensor t : resp.outputs()) {
            if (t.datatype() == DataType.FP16 || t.datatype() == DataType.BF16) {
                useRaw = true;
            }
        }
        ModelInferResponse.Builder b = ModelInferResponse.newBuilder()
                .setModelName(resp.modelName())
                .setId(resp.id());
        if (resp.modelVersion() != null) {
            b.setModelVersion(resp.modelVersion());
        }
        b.putAllParameters(toProto(resp.parameters()));
        for (Tensor t : resp.outputs()) {
            ModelInferResponse.InferOutputTensor.Builder o = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(t.name())
                    .setDatatype(t.datatype().name())
                    .putAllParameters(toProto(t.parameters()));
            for (long d : t.shape()) {
                o.addShape(d);
            }
            if (useRaw) {
                b.addRawOutputContents(wrap(t.wireBytes()));
            } else {
                o.setContents(contents(t));
            }
            b.addOutputs(o);
        }
        return b.build();
    }

    private static ByteString wrap(ByteBuffer b) {
        // The tensor is never written again once it is in a response, so sharing its bytes is safe.
        return UnsafeByteOperations.unsafeWrap(b);
    }

    /** Typed contents of a tensor (all types but FP16/BF16). */
    public static InferTensorContents contents(Tensor t) {
        InferTensorContents.Builder c = InferTensorContents.newBuilder();
        int n = t.size();
        switch (t.datatype()) {
            case BOOL -> {
                for (int i = 0; i < n; i++) {
                    c.addBoolContents(t.getBool(i));
                }
            }
            case INT8, INT16, INT32 -> {
                for (int i = 0; i < n; i++) {
                    c.addIntContents((int) t.getLong(i));
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    c.addInt64Contents(t.getLong(i));
                }
            }
            case UINT8, UINT16, UINT32 -> {
                for (int i = 0; i < n; i++) {
                    c.addUintContents((int) t.getLong(i));
                }
            }
            case UINT64 -> {
                for (int i = 0; i < n; i++) {
                    c.addUint64Contents(t.getLong(i));
                }
            }
            case FP32 -> {
                for (int i = 0; i < n; i++) {
                    c.addFp32Contents(t.getFloat(i));
                }
            }
            case FP64 -> {
                for (int i = 0; i < n; i++) {
                    c.addFp64Contents(t.getDouble(i));
                }
            }
            case BYTES -> {
                for (byte[] e : t.elements()) {
                    c.addBytesContents(ByteString.copyFrom(e));
                }
            }
            default -> throw new IllegalArgumentException(t.datatype() + " has no typed contents");
        }
        return c.build();
    }

    /** A neutral request into the proto, for clients of other components (gateway, transformer, explainer). */
    public static ModelInferRequest encodeRequest(InferenceRequest r) {
        ModelInferRequest.Builder b = ModelInferRequest.newBuilder()
                .setModelName(r.modelName())
                .setId(r.id() == null ? "" : r.id())
                .putAllParameters(toProto(r.parameters()));
        if (r.modelVersion() != null) {
            b.setModelVersion(r.modelVersion());
        }
        for (Tensor t : r.inputs()) {
            ModelInferRequest.InferInputTensor.Builder in = ModelInferRequest.InferInputTensor.newBuilder()
                    .setName(t.name())
                    .setDatatype(t.datatype().name())
                    .putAllParameters(toProto(t.parameters()));
            for (long d : t.shape()) {
                in.addShape(d);
            }
            b.addInputs(in);
            b.addRawInputContents(wrap(t.wireBytes()));
        }
        for (InferenceRequest.RequestedOutput o : r.outputs()) {
            b.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(o.name())
                    .putAllParameters(toProto(o.parameters())));
        }
        return b.build();
    }

    /** A proto response back into the neutral type, for clients of other components. */
    public static InferenceResponse decodeResponse(ModelInferResponse r) {
        boolean raw = r.getRawOutputContentsCount() > 0;
        List<Tensor> outputs = new ArrayList<>(r.getOutputsCount());
        for (int i = 0; i < r.getOutputsCount(); i++) {
            ModelInferResponse.InferOutputTensor o = r.getOutputs(i);
            DataType type = DataType.parse(o.getDatatype(), "output '" + o.getName() + "'");
            long[] shape = o.getShapeList().stream().mapToLong(Long::longValue).toArray();
            Map<String, Object> params = parameters(o.getParametersMap());
            outputs.add(raw
                    ? Tensor.of(o.getName(), type, shape, r.getRawOutputContents(i).asReadOnlyByteBuffer(), params)
                    : fromContents(o.getName(), type, shape, o.getContents(), params));
        }
        return new InferenceResponse(r.getModelName(), r.getModelVersion().isEmpty() ? null : r.getModelVersion(),
                r.getId(), parameters(r.getParametersMap()), outputs);
    }

    public static ModelMetadataResponse encodeMetadata(ModelMetadata m) {
        ModelMetadataResponse.Builder b = ModelMetadataResponse.newBuilder()
                .setName(m.name())
                .addAllVersions(m.versions())
                .setPlatform(m.platform());
        for (TensorSpec s : m.inputs()) {
            b.addInputs(spec(s));
        }
        for (TensorSpec s : m.outputs()) {
            b.addOutputs(spec(s));
        }
        return b.build();
    }

    /** A proto metadata response back into the neutral type, for clients of other components. */
    public static ModelMetadata decodeMetadata(ModelMetadataResponse m) {
        List<TensorSpec> inputs = new ArrayList<>(m.getInputsCount());
        for (ModelMetadataResponse.TensorMetadata t : m.getInputsList()) {
            inputs.add(spec(t, "input"));
        }
        List<TensorSpec> outputs = new ArrayList<>(m.getOutputsCount());
        for (ModelMetadataResponse.TensorMetadata t : m.getOutputsList()) {
            outputs.add(spec(t, "output"));
        }
        return new ModelMetadata(m.getName(), List.copyOf(m.getVersionsList()), m.getPlatform(), inputs, outputs);
    }

    private static TensorSpec spec(ModelMetadataResponse.TensorMetadata t, String kind) {
        long[] shape = t.getShapeList().stream().mapToLong(Long::longValue).toArray();
        return new TensorSpec(t.getName(), DataType.parse(t.getDatatype(), kind + " '" + t.getName() + "'"), shape);
    }

    private static ModelMetadataResponse.TensorMetadata spec(TensorSpec s) {
        ModelMetadataResponse.TensorMetadata.Builder t = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(s.name()).setDatatype(s.datatype().name());
        for (long d : s.shape()) {
            t.addShape(d);
        }
        return t.build();
    }

    public static dev.augur.proto.inference.GrpcPredictV2.RepositoryIndexResponse encodeIndex(
            List<ModelIndexEntry> entries) {
        var b = dev.augur.proto.inference.GrpcPredictV2.RepositoryIndexResponse.newBuilder();
        for (ModelIndexEntry e : entries) {
            b.addModels(dev.augur.proto.inference.GrpcPredictV2.RepositoryIndexResponse.ModelIndex.newBuilder()
                    .setName(e.name()).setVersion(e.version()).setState(e.state()).setReason(e.reason()));
        }
        return b.build();
    }

    public static Map<String, Object> parameters(Map<String, InferParameter> in) {
        if (in.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, InferParameter> e : in.entrySet()) {
            InferParameter p = e.getValue();
            Object v = switch (p.getParameterChoiceCase()) {
                case BOOL_PARAM -> p.getBoolParam();
                case INT64_PARAM -> p.getInt64Param();
                case STRING_PARAM -> p.getStringParam();
                case DOUBLE_PARAM -> p.getDoubleParam();
                case UINT64_PARAM -> p.getUint64Param();
                case PARAMETERCHOICE_NOT_SET -> null;
            };
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    public static Map<String, InferParameter> toProto(Map<String, Object> in) {
        if (in.isEmpty()) {
            return Map.of();
        }
        Map<String, InferParameter> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            Object v = e.getValue();
            InferParameter.Builder p = InferParameter.newBuilder();
            if (v instanceof Boolean b) {
                p.setBoolParam(b);
            } else if (v instanceof Long || v instanceof Integer) {
                p.setInt64Param(((Number) v).longValue());
            } else if (v instanceof Double d) {
                p.setDoubleParam(d);
            } else if (v != null) {
                p.setStringParam(v.toString());
            } else {
                continue;
            }
            out.put(e.getKey(), p.build());
        }
        return out;
    }
}
