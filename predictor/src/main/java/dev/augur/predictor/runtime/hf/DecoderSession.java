package dev.augur.predictor.runtime.hf;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.augur.predictor.runtime.onnx.OnnxSessions;
import dev.augur.protocol.core.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoder-only ONNX graph in Hugging Face Optimum's layout with past key values: inputs {@code input_ids},
 * {@code attention_mask}, optional {@code position_ids} (and {@code use_cache_branch} of merged exports),
 * {@code past_key_values.N.key|value [batch, kv_heads, past, head_dim]}; outputs {@code logits} and
 * {@code present.N.key|value}. One session serves every generation ({@link OrtSession#run} is thread-safe); each
 * generation keeps its own cache ({@link Cache}).
 */
final class DecoderSession implements AutoCloseable {
    static final String PAST = "past_key_values.";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean positionIds;
    private final boolean attentionMask;
    private final boolean cacheBranch;
    /** Past inputs in order, with the present output that continues each. */
    private final List<String> pastInputs = new ArrayList<>();
    private final Map<String, String> presentOf = new HashMap<>();
    private final Map<String, long[]> pastShape = new HashMap<>();
    private final OnnxJavaType cacheType;

    DecoderSession(OrtEnvironment env, OrtSession session) throws OrtException {
        this.env = env;
        this.session = session;
        Map<String, NodeInfo> in = session.getInputInfo();
        Map<String, NodeInfo> out = session.getOutputInfo();
        if (!in.containsKey("input_ids") || !out.containsKey("logits")) {
            throw new IllegalArgumentException("a decoder needs an input 'input_ids' and an output 'logits'; the graph "
                    + "has inputs " + in.keySet() + " and outputs " + out.keySet());
        }
        positionIds = in.containsKey("position_ids");
        attentionMask = in.containsKey("attention_mask");
        cacheBranch = in.containsKey("use_cache_branch");
        OnnxJavaType type = null;
        for (String name : in.keySet()) {
            if (!name.startsWith(PAST)) {
                continue;
            }
            String present = "present." + name.substring(PAST.length());
            if (!out.containsKey(present)) {
                throw new IllegalArgumentException("input '" + name + "' has no output '" + present + "'");
            }
            TensorInfo t = (TensorInfo) in.get(name).getInfo();
            long[] shape = t.getShape();
            if (shape.length != 4 || shape[1] <= 0 || shape[3] <= 0) {
                throw new IllegalArgumentException("input '" + name + "' has shape " + java.util.Arrays.toString(shape)
                        + "; expected [batch, heads, past, head_dim] with fixed heads and head_dim");
            }
            if (t.type != OnnxJavaType.FLOAT && t.type != OnnxJavaType.FLOAT16) {
                throw new IllegalArgumentException("input '" + name + "' is " + t.type + "; FLOAT or FLOAT16 caches only");
            }
            type = t.type;
            pastInputs.add(name);
            presentOf.put(name, present);
            pastShape.put(name, shape);
        }
        if (pastInputs.isEmpty()) {
            throw new IllegalArgumentException("the decoder has no past_key_values inputs: export it with past key "
                    + "values (Optimum: --task text-generation-with-past)");
        }
        pastInputs.sort(null);
        cacheType = type;
    }

    /** One generation's key/value cache and position. */
    final class Cache implements AutoCloseable {
        private OrtSession.Result last;
        private int length;

        int length() {
            return length;
        }

        /**
         * Runs the decoder on the next tokens (the prompt first, then one token per step) and answers the logits of
         * the last position. The presents of this step become the past of the next without a copy.
         */
        float[] step(long[] tokens) throws OrtException {
            Map<String, OnnxTensor> feed = new HashMap<>();
            List<OnnxTensor> created = new ArrayList<>();
            try {
                int n = tokens.length;
                feed.put("input_ids", track(created, OnnxTensor.createTensor(env, longs(tokens), new long[] {1, n})));
                if (attentionMask) {
                    long[] ones = new long[length + n];
                    java.util.Arrays.fill(ones, 1L);
                    feed.put("attention_mask", track(created,
                            OnnxTensor.createTensor(env, longs(ones), new long[] {1, length + n})));
                }
                if (positionIds) {
                    long[] pos = new long[n];
                    for (int i = 0; i < n; i++) {
                        pos[i] = length + i;
                    }
                    feed.put("position_ids", track(created, OnnxTensor.createTensor(env, longs(pos), new long[] {1, n})));
                }
                if (cacheBranch) {
                    feed.put("use_cache_branch", track(created, OnnxTensor.createTensor(env, new boolean[] {length > 0})));
                }
                for (String name : pastInputs) {
                    if (last == null) {
                        long[] s = pastShape.get(name);
                        feed.put(name, track(created, OnnxTensor.createTensor(env,
                                ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()), new long[] {1, s[1], 0, s[3]},
                                cacheType)));
                    } else {
                        feed.put(name, (OnnxTensor) last.get(presentOf.get(name)).orElseThrow());
                    }
                }
                OrtSession.Result result = session.run(feed);
                if (last != null) {
                    last.close();
                }
                last = result;
                length += n;
                return lastRow((OnnxTensor) result.get("logits").orElseThrow());
            } finally {
                for (OnnxTensor t : created) {
                    t.close();
                }
            }
        }

        /** A copy of this generation's cache for one past input, [1, heads, length, head_dim]. */
        ByteBuffer present(String past) {
            ByteBuffer b = ((OnnxTensor) last.get(presentOf.get(past)).orElseThrow()).getByteBuffer();
            ByteBuffer direct = ByteBuffer.allocateDirect(b.remaining()).order(ByteOrder.nativeOrder());
            direct.put(b.order(ByteOrder.nativeOrder())).flip();
            return direct;
        }

        @Override
        public void close() {
            if (last != null) {
                last.close();
                last = null;
            }
        }
    }

    Cache cache() {
        return new Cache();
    }

    List<String> pastInputs() {
        return pastInputs;
    }

    String presentOf(String past) {
        return presentOf.get(past);
    }

    int heads(String past) {
        return (int) pastShape.get(past)[1];
    }

    int headDim(String past) {
        return (int) pastShape.get(past)[3];
    }

    int elementBytes() {
        return cacheType == OnnxJavaType.FLOAT16 ? 2 : 4;
    }

    /**
     * One decode step of several generations ({@link StepBatcher}): one token per row, each row's past left-padded
     * to {@code longest} positions (the padding masked out), so the attention mask is [rows, longest + 1].
     */
    OrtSession.Result runBatch(long[] tokens, long[] positions, long[] mask, int longest,
            Map<String, ByteBuffer> past) throws OrtException {
        int b = tokens.length;
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(env, longs(tokens), new long[] {b, 1}));
            if (attentionMask) {
                feed.put("attention_mask", OnnxTensor.createTensor(env, longs(mask), new long[] {b, longest + 1}));
            }
            if (positionIds) {
                feed.put("position_ids", OnnxTensor.createTensor(env, longs(positions), new long[] {b, 1}));
            }
            if (cacheBranch) {
                feed.put("use_cache_branch", OnnxTensor.createTensor(env, new boolean[] {true}));
            }
            for (String name : pastInputs) {
                long[] s = pastShape.get(name);
                feed.put(name, OnnxTensor.createTensor(env, past.get(name), new long[] {b, s[1], longest, s[3]},
                        cacheType));
            }
            return session.run(feed);
        } finally {
            for (OnnxTensor t : feed.values()) {
                t.close();
            }
        }
    }

    /** The last position's logits of each row of a batched step. */
    float[][] rows(OrtSession.Result result, int b) {
        OnnxTensor logits = (OnnxTensor) result.get("logits").orElseThrow();
        long[] shape = logits.getInfo().getShape();
        int v = (int) shape[shape.length - 1];
        int seq = (int) shape[1];
        float[][] out = new float[b][v];
        if (logits.getInfo().type == OnnxJavaType.FLOAT16) {
            ShortBuffer sb = logits.getShortBuffer();
            for (int r = 0; r < b; r++) {
                int offset = (r * seq + seq - 1) * v;
                for (int i = 0; i < v; i++) {
                    out[r][i] = Half.fp16ToFloat(sb.get(offset + i));
                }
            }
        } else {
            FloatBuffer fb = logits.getFloatBuffer();
            for (int r = 0; r < b; r++) {
                fb.get((r * seq + seq - 1) * v, out[r]);
            }
        }
        return out;
    }

    private static OnnxTensor track(List<OnnxTensor> created, OnnxTensor t) {
        created.add(t);
        return t;
    }

    private static java.nio.LongBuffer longs(long[] values) {
        return java.nio.LongBuffer.wrap(values);
    }

    /** The logits of the last position: [1, seq, vocab] -> [vocab], FP16 widened. */
    private static float[] lastRow(OnnxTensor logits) {
        long[] shape = logits.getInfo().getShape();
        int v = (int) shape[shape.length - 1];
        float[] row = new float[v];
        if (logits.getInfo().type == OnnxJavaType.FLOAT16) {
            ShortBuffer s = logits.getShortBuffer();
            int offset = s.limit() - v;
            for (int i = 0; i < v; i++) {
                row[i] = Half.fp16ToFloat(s.get(offset + i));
            }
        } else {
            FloatBuffer f = logits.getFloatBuffer();
            f.position(f.limit() - v);
            f.get(row);
        }
        return row;
    }

    @Override
    public void close() {
        OnnxSessions.close(session);
    }
}
