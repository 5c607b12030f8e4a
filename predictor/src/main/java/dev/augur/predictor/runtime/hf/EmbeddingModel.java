package dev.augur.predictor.runtime.hf;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.augur.predictor.runtime.SignedModel;
import dev.augur.predictor.runtime.onnx.OnnxSessions;
import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.protocol.generate.Generate;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence embeddings with a BERT-style encoder and its tokenizer, as sentence-transformers computes them: the
 * texts of a request are tokenised, padded to the longest, run as one batch, mean-pooled over the attention mask
 * and L2-normalised. Input {@code text} BYTES [-1]; outputs {@code embedding} FP32 [-1, dim] and
 * {@code num_input_tokens} INT64 [-1] (for usage counts). Concurrent requests can be merged by the dynamic batcher
 * ({@code max_batch_size}).
 */
final class EmbeddingModel extends SignedModel {
    static final String TOKENS = Generate.NUM_INPUT_TOKENS;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final TextTokenizer tokenizer;
    private final String output;
    private final boolean pooled;
    private final boolean typeIds;
    private final int dim;
    private final long padId;

    EmbeddingModel(OrtEnvironment env, OrtSession session, TextTokenizer tokenizer, String output, boolean pooled,
            int dim, long padId, long bytes) throws OrtException {
        super("augur_huggingface_embedding", List.of(new TensorSpec(Generate.TEXT, DataType.BYTES, new long[] {-1})),
                List.of(new TensorSpec(Generate.EMBEDDING, DataType.FP32, new long[] {-1, dim}),
                        new TensorSpec(TOKENS, DataType.INT64, new long[] {-1})),
                bytes);
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.output = output;
        this.pooled = pooled;
        this.dim = dim;
        this.padId = padId;
        this.typeIds = session.getInputInfo().containsKey("token_type_ids");
    }

    @Override
    public List<Tensor> infer(List<Tensor> inputs, List<String> wanted) throws OrtException {
        byte[][] texts = inputs.get(0).elements();
        int rows = texts.length;
        long[][] ids = new long[rows][];
        int longest = 1;
        for (int r = 0; r < rows; r++) {
            ids[r] = tokenizer.encode(new String(texts[r], StandardCharsets.UTF_8), true);
            longest = Math.max(longest, ids[r].length);
        }
        float[] vectors = rows == 0 ? new float[0] : embed(ids, longest);
        long[] counts = new long[rows];
        for (int r = 0; r < rows; r++) {
            counts[r] = ids[r].length;
        }
        return wanted.stream().map(name -> name.equals(TOKENS)
                ? Tensor.ofLongs(TOKENS, new long[] {rows}, counts)
                : Tensor.ofFloats(Generate.EMBEDDING, new long[] {rows, dim}, vectors)).toList();
    }

    private float[] embed(long[][] ids, int len) throws OrtException {
        int rows = ids.length;
        long[] flat = new long[rows * len];
        long[] mask = new long[rows * len];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(flat, r * len, (r + 1) * len, padId);
            System.arraycopy(ids[r], 0, flat, r * len, ids[r].length);
            java.util.Arrays.fill(mask, r * len, r * len + ids[r].length, 1L);
        }
        long[] shape = {rows, len};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(flat), shape));
            feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[rows * len]), shape));
            }
            try (OrtSession.Result result = session.run(feed, java.util.Set.of(output))) {
                FloatBuffer hidden = ((OnnxTensor) result.get(output).orElseThrow()).getFloatBuffer();
                float[] out = new float[rows * dim];
                if (pooled) {
                    hidden.get(out);
                } else {
                    meanPool(hidden, mask, rows, len, out);
                }
                normalize(out, rows);
                return out;
            }
        } finally {
            for (OnnxTensor t : feed.values()) {
                t.close();
            }
        }
    }

    /** Average of the token vectors the attention mask keeps (sentence-transformers' mean pooling). */
    private void meanPool(FloatBuffer hidden, long[] mask, int rows, int len, float[] out) {
        for (int r = 0; r < rows; r++) {
            double[] sum = new double[dim];
            int count = 0;
            for (int t = 0; t < len; t++) {
                if (mask[r * len + t] == 0) {
                    continue;
                }
                count++;
                int base = (r * len + t) * dim;
                for (int d = 0; d < dim; d++) {
                    sum[d] += hidden.get(base + d);
                }
            }
            for (int d = 0; d < dim; d++) {
                out[r * dim + d] = (float) (sum[d] / Math.max(1, count));
            }
        }
    }

    private void normalize(float[] v, int rows) {
        for (int r = 0; r < rows; r++) {
            double n = 0;
            for (int d = 0; d < dim; d++) {
                n += (double) v[r * dim + d] * v[r * dim + d];
            }
            double scale = 1.0 / Math.max(Math.sqrt(n), 1e-12);
            for (int d = 0; d < dim; d++) {
                v[r * dim + d] = (float) (v[r * dim + d] * scale);
            }
        }
    }

    @Override
    public void close() {
        OnnxSessions.close(session);
        tokenizer.close();
    }
}
