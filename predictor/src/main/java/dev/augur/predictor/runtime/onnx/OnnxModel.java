package dev.augur.predictor.runtime.onnx;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.augur.predictor.runtime.SignedModel;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One ONNX Runtime session; {@link OrtSession#run} is thread-safe, so one session serves all instances. */
final class OnnxModel extends SignedModel {
    private final OrtEnvironment env;
    private final OrtSession session;

    OnnxModel(OrtEnvironment env, OrtSession session, long bytes) throws OrtException {
        super("onnxruntime_onnx", specs(session.getInputInfo()), specs(session.getOutputInfo()), bytes);
        this.env = env;
        this.session = session;
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> list = new ArrayList<>();
        for (NodeInfo n : infos.values()) {
            list.add(spec(n.getName(), n.getInfo()));
        }
        return list;
    }

    private static TensorSpec spec(String name, ValueInfo info) {
        if (info instanceof TensorInfo t) {
            return new TensorSpec(name, OnnxTypes.toDataType(t.onnxType), t.getShape());
        }
        if (info instanceof SequenceInfo s && s.isSequenceOfMaps()) {
            // skl2onnx's ZipMap: a sequence of {class: probability}, served as a [batch, classes] tensor.
            MapInfo m = s.mapInfo;
            return new TensorSpec(name, valueType(m.valueType), new long[] {-1, -1});
        }
        throw new IllegalArgumentException("input or output '" + name + "' is " + info
                + ", which is neither a tensor nor a sequence of maps");
    }

    private static DataType valueType(OnnxJavaType t) {
        return switch (t) {
            case FLOAT -> DataType.FP32;
            case DOUBLE -> DataType.FP64;
            case INT64 -> DataType.INT64;
            case STRING -> DataType.BYTES;
            default -> throw new IllegalArgumentException("map values of type " + t + " are not supported");
        };
    }

    @Override
    public List<Tensor> infer(List<Tensor> in, List<String> wanted) throws OrtException {
        Map<String, OnnxTensor> feed = new HashMap<>(in.size() * 2);
        try {
            for (Tensor t : in) {
                feed.put(t.name(), toOnnx(t));
            }
            try (OrtSession.Result result = session.run(feed, new java.util.LinkedHashSet<>(wanted))) {
                List<Tensor> out = new ArrayList<>(wanted.size());
                for (String name : wanted) {
                    OnnxValue v = result.get(name).orElseThrow(
                            () -> new IllegalStateException("ONNX Runtime returned no output '" + name + "'"));
                    out.add(fromOnnx(name, v));
                }
                return out;
            }
        } finally {
            for (OnnxTensor t : feed.values()) {
                t.close();
            }
        }
    }

    private OnnxTensor toOnnx(Tensor t) throws OrtException {
        if (t.datatype() == DataType.BYTES) {
            byte[][] e = t.elements();
            String[] s = new String[e.length];
            for (int i = 0; i < e.length; i++) {
                s[i] = new String(e[i], StandardCharsets.UTF_8);
            }
            return OnnxTensor.createTensor(env, s, t.shape());
        }
        OnnxJavaType type = OnnxTypes.javaType(t.datatype());
        if (type == null) {
            throw InferenceException.invalid("input '" + t.name() + "': " + t.datatype()
                    + " inputs are not supported by ONNX Runtime's Java API");
        }
        // One bulk copy into native memory (ONNX Runtime would make the same copy of a heap buffer itself).
        ByteBuffer src = t.data();
        ByteBuffer direct = ByteBuffer.allocateDirect(src.remaining()).order(ByteOrder.nativeOrder());
        direct.put(src).flip();
        return OnnxTensor.createTensor(env, direct, t.shape(), type);
    }

    private static Tensor fromOnnx(String name, OnnxValue v) throws OrtException {
        if (v instanceof OnnxTensor t) {
            TensorInfo info = t.getInfo();
            DataType type = OnnxTypes.toDataType(info.onnxType);
            if (type == DataType.BYTES) {
                List<String> flat = new ArrayList<>();
                flattenStrings(t.getValue(), flat);
                return Tensor.ofStrings(name, info.getShape(), flat.toArray(new String[0]));
            }
            ByteBuffer raw = t.getByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            return Tensor.of(name, type, info.getShape(), raw);
        }
        if (v instanceof OnnxSequence seq) {
            return zipMap(name, seq);
        }
        throw new IllegalStateException("output '" + name + "' has unsupported ONNX type " + v.getType());
    }

    private static void flattenStrings(Object o, List<String> out) {
        if (o instanceof String s) {
            out.add(s);
        } else if (o != null && o.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(o); i++) {
                flattenStrings(Array.get(o, i), out);
            }
        }
    }

    /** A sequence of per-row maps (ZipMap) into a [rows, classes] tensor, classes in sorted key order. */
    private static Tensor zipMap(String name, OnnxSequence seq) throws OrtException {
        List<? extends OnnxValue> rows = seq.getValue();
        List<Map<Object, Object>> maps = new ArrayList<>(rows.size());
        for (OnnxValue row : rows) {
            maps.add(new TreeMap<>(((OnnxMap) row).getValue()));
        }
        int cols = maps.isEmpty() ? 0 : maps.get(0).size();
        double[] values = new double[maps.size() * cols];
        int i = 0;
        for (Map<Object, Object> m : maps) {
            for (Object val : m.values()) {
                values[i++] = ((Number) val).doubleValue();
            }
        }
        float[] f = new float[values.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) values[k];
        }
        Map<String, Object> params = new LinkedHashMap<>();
        if (!maps.isEmpty()) {
            params.put("classes", String.join(",", maps.get(0).keySet().stream().map(String::valueOf).toList()));
        }
        return Tensor.ofFloats(name, new long[] {maps.size(), cols}, f).withParameters(params);
    }

    @Override
    public void close() {
        OnnxSessions.close(session);
    }
}
