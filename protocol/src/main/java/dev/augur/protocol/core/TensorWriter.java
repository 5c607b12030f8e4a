package dev.augur.protocol.core;

import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * Appends elements of one datatype to a little-endian buffer, checking that every value fits the type exactly.
 * The buffer grows when the element count is not known up front (JSON whose shape comes after its data).
 */
public final class TensorWriter {
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String name;
    private final DataType type;
    private ByteBuffer buf;
    private int index;

    public TensorWriter(String name, DataType type, ByteBuffer target) {
        this.name = name;
        this.type = type;
        this.buf = target;
    }

    public TensorWriter(String name, DataType type, int expectedElements) {
        this(name, type, Tensor.allocate((long) Math.max(expectedElements, 16) * type.size()));
    }

    public String name() {
        return name;
    }

    public DataType type() {
        return type;
    }

    public int count() {
        return index;
    }

    /** The written bytes, ready to read. */
    public ByteBuffer finish() {
        buf.flip();
        return buf;
    }

    private void ensure(int bytes) {
        if (buf.remaining() < bytes) {
            long cap = Math.max((long) buf.capacity() * 2, (long) buf.position() + bytes);
            ByteBuffer bigger = Tensor.allocate(cap);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    private InferenceException bad(String what) {
        return InferenceException.invalid("input '" + name + "' (" + type + ") element " + index + ": " + what);
    }

    public void putBool(boolean v) {
        if (type != DataType.BOOL) {
            throw bad("got a boolean, expected a " + (type == DataType.BYTES ? "string" : "number"));
        }
        ensure(1);
        buf.put((byte) (v ? 1 : 0));
        index++;
    }

    public void putLong(long v) {
        switch (type) {
            case BOOL -> {
                if (v != 0 && v != 1) {
                    throw bad(v + " is not a boolean");
                }
                ensure(1);
                buf.put((byte) v);
            }
            case INT8 -> putIntegral(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case UINT8 -> putIntegral(v, 0, 0xff);
            case INT16 -> putIntegral(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> putIntegral(v, 0, 0xffff);
            case INT32 -> putIntegral(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32 -> putIntegral(v, 0, 0xffffffffL);
            case INT64 -> {
                ensure(8);
                buf.putLong(v);
            }
            case UINT64 -> {
                if (v < 0) {
                    throw bad(v + " is out of range for UINT64");
                }
                ensure(8);
                buf.putLong(v);
            }
            case BYTES -> throw bad("got a number, expected a string");
            default -> {
                putDouble(v);
                return;
            }
        }
        index++;
    }

    /** An integer too large for a long: only UINT64 takes it. */
    public void putBig(BigInteger v) {
        if (type == DataType.UINT64 && v.signum() >= 0 && v.compareTo(UINT64_MAX) <= 0) {
            ensure(8);
            buf.putLong(v.longValue());
            index++;
        } else if (type.isFloating()) {
            putDouble(v.doubleValue());
        } else {
            throw bad(v + " is out of range for " + type);
        }
    }

    private void putIntegral(long v, long min, long max) {
        if (v < min || v > max) {
            throw bad(v + " is out of range for " + type);
        }
        switch (type.size()) {
            case 1 -> {
                ensure(1);
                buf.put((byte) v);
            }
            case 2 -> {
                ensure(2);
                buf.putShort((short) v);
            }
            default -> {
                ensure(4);
                buf.putInt((int) v);
            }
        }
    }

    /**
     * A finite value that would become infinite in a narrower float type is refused, as an integer out of range is:
     * silently sent as infinity it gets a confident answer from the model. Infinity and NaN themselves pass (binary
     * tensors and V1's missing values carry them); JSON text never does ({@link #outOfRange}).
     */
    public void putDouble(double v) {
        if (type.isFloating() && !Double.isInfinite(v) && !fits(v)) {
            throw bad(v + " is out of range for " + type);
        }
        switch (type) {
            case FP32 -> {
                ensure(4);
                buf.putFloat((float) v);
            }
            case FP64 -> {
                ensure(8);
                buf.putDouble(v);
            }
            case FP16 -> {
                ensure(2);
                buf.putShort(Half.floatToFp16((float) v));
            }
            case BF16 -> {
                ensure(2);
                buf.putShort(Half.floatToBf16((float) v));
            }
            case BYTES -> throw bad("got a number, expected a string");
            case BOOL -> throw bad("got " + v + ", expected true or false");
            default -> {
                if (v != Math.rint(v) || Double.isInfinite(v)) {
                    throw bad(v + " is not an integer");
                }
                if (type == DataType.UINT64 && v >= 0x1p63) {
                    putBig(java.math.BigDecimal.valueOf(v).toBigInteger());
                    return;
                }
                if (v < -0x1p63 || v >= 0x1p63) {
                    throw bad(v + " is out of range for " + type);
                }
                putLong((long) v);
                return;
            }
        }
        index++;
    }

    /** FP32 fast path used by the JSON reader: skips the double round trip. */
    public void putFloat(float v) {
        if (type == DataType.FP32 && !Float.isInfinite(v)) {
            ensure(4);
            buf.putFloat(v);
            index++;
        } else {
            putDouble(v);
        }
    }

    /** Whether {@code v} stays finite in this float type (NaN fits; non-float types are checked elsewhere). */
    public boolean fits(double v) {
        return switch (type) {
            case FP64 -> !Double.isInfinite(v);
            case FP32 -> !Float.isInfinite((float) v) || Double.isNaN(v);
            case FP16 -> (Half.floatToFp16((float) v) & 0x7fff) != 0x7c00;
            case BF16 -> (Half.floatToBf16((float) v) & 0x7fff) != 0x7f80;
            default -> true;
        };
    }

    /**
     * The refusal of a number written as JSON text ({@code literal}) whose value is beyond its type's range: JSON
     * has no infinity, so a number that parses to one (1e400, or 1e39 as FP32) was out of range in the text.
     */
    public InferenceException outOfRange(String literal) {
        return bad(literal + " is out of range for " + type);
    }

    /** The refusal of a token JSON does not allow as a number ({@code NaN}, {@code Infinity}) at this element. */
    public InferenceException notJson(String token) {
        return bad(token + " is not a JSON number");
    }
}
