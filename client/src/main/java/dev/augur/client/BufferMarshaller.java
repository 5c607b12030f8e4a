package dev.augur.client;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A gRPC message as the bytes it is on the wire: what the gateway forwards when it does not need to read the
 * message. Known length and drainable, so grpc-java frames it without copying it into a buffer of its own first.
 */
final class BufferMarshaller implements MethodDescriptor.Marshaller<Buffer> {
    static final BufferMarshaller INSTANCE = new BufferMarshaller();

    private BufferMarshaller() {
    }

    @Override
    public InputStream stream(Buffer value) {
        return new Stream(value);
    }

    @Override
    public Buffer parse(InputStream stream) {
        try {
            // Wrapped, not copied a second time: the bytes are read out of gRPC's frames once.
            return Buffer.buffer(Unpooled.wrappedBuffer(stream.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Stream extends InputStream implements KnownLength, Drainable {
        private final Buffer buffer;
        private int position;

        Stream(Buffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int available() {
            return buffer.length() - position;
        }

        @Override
        public int read() {
            return position < buffer.length() ? buffer.getByte(position++) & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, available());
            if (n <= 0) {
                return len == 0 ? 0 : -1;
            }
            buffer.getBytes(position, position + n, b, off);
            position += n;
            return n;
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int n = available();
            buffer.getByteBuf().getBytes(position, target, n);
            position += n;
            return n;
        }
    }
}
