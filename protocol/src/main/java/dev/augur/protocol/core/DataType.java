package dev.augur.protocol.core;

/** The Open Inference Protocol tensor datatypes, with their element size in bytes (BYTES is variable). */
public enum DataType {
    BOOL(1), UINT8(1), UINT16(2), UINT32(4), UINT64(8),
    INT8(1), INT16(2), INT32(4), INT64(8),
    FP16(2), FP32(4), FP64(8), BF16(2),
    BYTES(-1);

    private final int size;

    DataType(int size) {
        this.size = size;
    }

    /** Bytes per element; -1 for BYTES. */
    public int size() {
        return size;
    }

    public boolean isFloating() {
        return this == FP16 || this == FP32 || this == FP64 || this == BF16;
    }

    /** Parses a wire name, failing with a message that names the field and lists the valid names. */
    public static DataType parse(String name, String where) {
        if (name == null || name.isEmpty()) {
            throw InferenceException.invalid(where + ": 'datatype' is missing");
        }
        for (DataType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw InferenceException.invalid(where + ": unknown datatype '" + name
                + "'; expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BF16, BYTES");
    }
}
