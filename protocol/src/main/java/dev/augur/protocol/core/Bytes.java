package dev.augur.protocol.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** The BYTES wire layout shared by the binary extension and gRPC raw contents: 4-byte LE length, then bytes. */
public final class Bytes {
    private Bytes() {
    }

    public static byte[][] split(ByteBuffer raw, String name) {
        ByteBuffer b = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                throw InferenceException.invalid("input '" + name + "': BYTES element " + out.size()
                        + " has a truncated 4-byte length prefix");
            }
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw InferenceException.invalid("input '" + name + "': BYTES element " + out.size()
                        + " declares " + Integer.toUnsignedString(len) + " bytes but only " + b.remaining()
                        + " remain");
            }
            byte[] e = new byte[len];
            b.get(e);
            out.add(e);
        }
        return out.toArray(new byte[0][]);
    }

    public static ByteBuffer join(byte[][] elements) {
        long n = 0;
        for (byte[] e : elements) {
            n += 4 + e.length;
        }
        ByteBuffer b = Tensor.allocate(n);
        for (byte[] e : elements) {
            b.putInt(e.length);
            b.put(e);
        }
        b.flip();
        return b;
    }
}
