package dev.augur.protocol.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * A named tensor. Fixed-size elements live in one little-endian {@link ByteBuffer} (the layout of the V2 binary
 * extension, gRPC raw contents and ONNX Runtime), so bytes pass from wire to runtime without per-element copies;
 * BYTES elements are kept as byte arrays. Instances are immutable by convention: callers never write to
 * {@link #data()}.
 */
public final class Tensor {
    private final String name;
    private final DataType datatype;
    private final long[] shape;
    private final ByteBuffer data;
    private final byte[][] elements;
    private final Map<String, Object> parameters;

    private Tensor(String name, DataType datatype, long[] shape, ByteBuffer data, byte[][] elements,
            Map<String, Object> parameters) {
        this.name = name;
        this.datatype = datatype;
        this.shape = shape;
        this.data = data;
        this.elements = elements;
        this.parameters = parameters == null ? Map.of() : parameters;
    }

    /** A fixed-size tensor over little-endian bytes; fails if the byte count does not match the shape. */
    public static Tensor of(String name, DataType datatype, long[] shape, ByteBuffer data,
            Map<String, Object> parameters) {
        if (datatype == DataType.BYTES) {
            return ofBytes(name, shape, Bytes.split(data, name), parameters);
        }
        long count = elementCount(shape, name);
        long expected = count * datatype.size();
        if (data.remaining() != expected) {
            throw InferenceException.invalid("input '" + name + "': shape " + Arrays.toString(shape) + " of "
                    + datatype + " needs " + expected + " bytes, got " + data.remaining());
        }
        return new Tensor(name, datatype, shape, data.slice().order(ByteOrder.LITTLE_ENDIAN), null, parameters);
    }

    public static Tensor of(String name, DataType datatype, long[] shape, ByteBuffer data) {
        return of(name, datatype, shape, data, null);
    }

    public static Tensor ofBytes(String name, long[] shape, byte[][] elements, Map<String, Object> parameters) {
        long count = elementCount(shape, name);
        if (count != elements.length) {
            throw InferenceException.invalid("input '" + name + "': shape " + Arrays.toString(shape) + " needs "
                    + count + " elements, got " + elements.length);
        }
        return new Tensor(name, DataType.BYTES, shape, null, elements, parameters);
    }

    public static Tensor ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer b = allocate(values.length * 4L);
        b.asFloatBuffer().put(values);
        return of(name, DataType.FP32, shape, b);
    }

    public static Tensor ofDoubles(String name, long[] shape, double[] values) {
        ByteBuffer b = allocate(values.length * 8L);
        b.asDoubleBuffer().put(values);
        return of(name, DataType.FP64, shape, b);
    }

    public static Tensor ofLongs(String name, long[] shape, long[] values) {
        ByteBuffer b = allocate(values.length * 8L);
        b.asLongBuffer().put(values);
        return of(name, DataType.INT64, shape, b);
    }

    public static Tensor ofStrings(String name, long[] shape, String... values) {
        byte[][] e = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            e[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return ofBytes(name, shape, e, null);
    }

    static ByteBuffer allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw InferenceException.invalid("tensor of " + bytes + " bytes is larger than 2 GiB");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Product of the dimensions; fails on negative dimensions and overflow. */
    public static long elementCount(long[] shape, String name) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw InferenceException.invalid("input '" + name + "': shape " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw InferenceException.invalid("input '" + name + "': shape " + Arrays.toString(shape)
                        + " is too large");
            }
        }
        return n;
    }

    public String name() {
        return name;
    }

    public DataType datatype() {
        return datatype;
    }

    public long[] shape() {
        return shape;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    public int size() {
        return datatype == DataType.BYTES ? elements.length : data.remaining() / datatype.size();
    }

    /** The little-endian element bytes (a read-only view); not for BYTES tensors. */
    public ByteBuffer data() {
        if (data == null) {
            throw new IllegalStateException("BYTES tensor has no fixed-size data");
        }
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** BYTES elements; only for BYTES tensors. */
    public byte[][] elements() {
        if (elements == null) {
            throw new IllegalStateException(datatype + " tensor has no BYTES elements");
        }
        return elements;
    }

    /** The wire layout of the whole tensor: raw elements, or length-prefixed BYTES elements. */
    public ByteBuffer wireBytes() {
        return datatype == DataType.BYTES ? Bytes.join(elements) : data();
    }

    /** Byte size on the wire. */
    public long wireSize() {
        if (datatype != DataType.BYTES) {
            return data.remaining();
        }
        long n = 0;
        for (byte[] e : elements) {
            n += 4 + e.length;
        }
        return n;
    }

    public Tensor withName(String newName) {
        return new Tensor(newName, datatype, shape, data, elements, parameters);
    }

    public Tensor withParameters(Map<String, Object> newParameters) {
        return new Tensor(name, datatype, shape, data, elements, newParameters);
    }

    public boolean getBool(int i) {
        return data.get(i) != 0;
    }

    /** Element {@code i} as a long (integer types, BOOL as 0/1; UINT64 as its two's-complement bits). */
    public long getLong(int i) {
        return switch (datatype) {
            case BOOL, INT8 -> data.get(i);
            case UINT8 -> data.get(i) & 0xff;
            case INT16 -> data.getShort(i * 2);
            case UINT16 -> data.getShort(i * 2) & 0xffff;
            case INT32 -> data.getInt(i * 4);
            case UINT32 -> data.getInt(i * 4) & 0xffffffffL;
            case INT64, UINT64 -> data.getLong(i * 8);
            default -> (long) getDouble(i);
        };
    }

    /** Element {@code i} as a double, for every numeric type. */
    public double getDouble(int i) {
        return switch (datatype) {
            case FP32 -> data.getFloat(i * 4);
            case FP64 -> data.getDouble(i * 8);
            case FP16 -> Half.fp16ToFloat(data.getShort(i * 2));
            case BF16 -> Half.bf16ToFloat(data.getShort(i * 2));
            case UINT64 -> {
                long v = data.getLong(i * 8);
                yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            case BYTES -> throw new IllegalStateException("BYTES is not numeric");
            default -> getLong(i);
        };
    }

    public float getFloat(int i) {
        return datatype == DataType.FP32 ? data.getFloat(i * 4) : (float) getDouble(i);
    }

    /**
     * Converts a numeric tensor to another numeric type. Used where the protocol carries no datatype (V1 JSON):
     * fails if a value does not fit the target exactly (an integer type receiving 1.5, or 300 for UINT8).
     */
    public Tensor castTo(DataType target) {
        if (target == datatype) {
            return this;
        }
        if (datatype == DataType.BYTES || target == DataType.BYTES) {
            throw InferenceException.invalid("input '" + name + "': " + datatype + " data cannot be used as "
                    + target);
        }
        int n = size();
        ByteBuffer out = allocate((long) n * target.size());
        TensorWriter w = new TensorWriter(name, target, out);
        for (int i = 0; i < n; i++) {
            if (datatype.isFloating()) {
                w.putDouble(getDouble(i));
            } else {
                w.putLong(getLong(i));
            }
        }
        out.flip();
        return new Tensor(name, target, shape, out, null, parameters);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + datatype + ", " + Arrays.toString(shape) + "]";
    }
}
