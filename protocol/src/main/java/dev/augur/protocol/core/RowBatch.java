package dev.augur.protocol.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Merging requests along the first (batch) dimension and splitting the answers back: the dynamic batcher of the
 * predictor and the Kafka micro-batcher of the gateway both batch this way.
 */
public final class RowBatch {
    private RowBatch() {
    }

    /** The shared first dimension of all tensors, or -1 if they do not share one (then they cannot be batched). */
    public static long rows(List<Tensor> tensors) {
        long rows = -1;
        for (Tensor t : tensors) {
            if (t.shape().length == 0 || (rows >= 0 && t.shape()[0] != rows)) {
                return -1;
            }
            rows = t.shape()[0];
        }
        return rows;
    }

    /**
     * A key equal for requests that can be merged: same input names, datatypes and non-batch dimensions (and, via
     * {@code extra}, whatever else must agree, such as the requested outputs).
     */
    public static String layout(List<Tensor> inputs, Object extra) {
        StringBuilder b = new StringBuilder();
        inputs.stream().sorted(Comparator.comparing(Tensor::name)).forEach(t -> b.append(t.name()).append(':')
                .append(t.datatype()).append(':')
                .append(Arrays.toString(Arrays.copyOfRange(t.shape(), 1, t.shape().length))).append(';'));
        return b.append('|').append(extra).toString();
    }

    /** Concatenates each input across requests, in request order; the requests must share one layout. */
    public static List<Tensor> concat(List<List<Tensor>> requests) {
        List<Tensor> first = requests.get(0);
        long total = 0;
        for (List<Tensor> r : requests) {
            total += rows(r);
        }
        List<Tensor> merged = new ArrayList<>(first.size());
        for (Tensor proto : first) {
            long[] shape = proto.shape().clone();
            shape[0] = total;
            if (proto.datatype() == DataType.BYTES) {
                List<byte[]> all = new ArrayList<>();
                for (List<Tensor> r : requests) {
                    all.addAll(Arrays.asList(find(r, proto.name()).elements()));
                }
                merged.add(Tensor.ofBytes(proto.name(), shape, all.toArray(new byte[0][]), proto.parameters()));
            } else {
                long bytes = 0;
                for (List<Tensor> r : requests) {
                    bytes += find(r, proto.name()).data().remaining();
                }
                ByteBuffer b = Tensor.allocate(bytes);
                for (List<Tensor> r : requests) {
                    b.put(find(r, proto.name()).data());
                }
                b.flip();
                merged.add(Tensor.of(proto.name(), proto.datatype(), shape, b, proto.parameters()));
            }
        }
        return merged;
    }

    /**
     * Splits merged outputs back into one list per request, by each request's row count.
     *
     * @throws InferenceException (INTERNAL) if an output is not batched along its first dimension
     */
    public static List<List<Tensor>> split(List<Tensor> outputs, List<Integer> rowCounts) {
        int total = rowCounts.stream().mapToInt(Integer::intValue).sum();
        List<List<Tensor>> parts = new ArrayList<>();
        for (int r = 0; r < rowCounts.size(); r++) {
            parts.add(new ArrayList<>(outputs.size()));
        }
        for (Tensor t : outputs) {
            if (t.shape().length == 0 || t.shape()[0] != total) {
                throw new InferenceException(ErrorCode.INTERNAL, "output '" + t.name() + "' has shape "
                        + Arrays.toString(t.shape()) + ", not batched along its first dimension; turn batching off "
                        + "for this model");
            }
            int perRow = total == 0 ? 0 : t.size() / total;
            int row = 0;
            for (int r = 0; r < rowCounts.size(); r++) {
                int n = rowCounts.get(r);
                long[] shape = t.shape().clone();
                shape[0] = n;
                parts.get(r).add(slice(t, shape, row * perRow, n * perRow));
                row += n;
            }
        }
        return parts;
    }

    private static Tensor slice(Tensor t, long[] shape, int fromElement, int elements) {
        if (t.datatype() == DataType.BYTES) {
            return Tensor.ofBytes(t.name(), shape, Arrays.copyOfRange(t.elements(), fromElement,
                    fromElement + elements), t.parameters());
        }
        int size = t.datatype().size();
        return Tensor.of(t.name(), t.datatype(), shape, t.data().slice(fromElement * size, elements * size),
                t.parameters());
    }

    private static Tensor find(List<Tensor> tensors, String name) {
        for (Tensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw InferenceException.invalid("input '" + name + "' is missing from one of the batched requests");
    }
}
