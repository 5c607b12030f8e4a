package dev.augur.server.testing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC call whose request message is given as bytes, as a client with a broken encoder would send it. Shared by
 * every service's tests through this module's test-jar (which carries only this package).
 */
public final class RawCall {
    /**
     * Field 1, length-delimited, claiming 127 bytes that never come: every protobuf parser stops with "the input
     * ended unexpectedly", whatever the message type.
     */
    public static final byte[] GARBAGE = {0x0a, 0x7f};

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private RawCall() {
    }

    /** Sends {@link #GARBAGE} to {@code fullMethod} and returns the status the call closed with. */
    public static Status send(Channel channel, String fullMethod, boolean streaming) throws Exception {
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(streaming ? MethodDescriptor.MethodType.BIDI_STREAMING : MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullMethod).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        ClientCall<byte[], byte[]> call = channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(30,
                TimeUnit.SECONDS));
        CompletableFuture<Status> closed = new CompletableFuture<>();
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(GARBAGE);
        call.halfClose();
        return closed.get(60, TimeUnit.SECONDS);
    }
}
