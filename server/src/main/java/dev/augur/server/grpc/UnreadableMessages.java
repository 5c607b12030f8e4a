package dev.augur.server.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes every method of a gRPC service answer a request message it cannot parse with INVALID_ARGUMENT and a message
 * saying so. Without it the generated marshaller throws its own INTERNAL ("Invalid protobuf byte sequence") inside
 * the transport, before any interceptor or {@link GrpcErrors} can see the call: the client is told the server
 * failed when its own message was at fault. A service applies it to its definition ({@code bindService()}); each
 * method's request marshaller is wrapped so that a failed parse is carried to the call as a value instead of thrown,
 * and the call is closed with the status there (the same way grpc-java's {@code ServerInterceptors} re-types a
 * service's messages).
 */
public final class UnreadableMessages {
    private UnreadableMessages() {
    }

    /** The service with every method's request parse failures answered INVALID_ARGUMENT. */
    public static ServerServiceDefinition wrap(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
            ServerMethodDefinition<?, ?> wrapped = wrapMethod(m);
            methods.add(wrapped);
            descriptor.addMethod(wrapped.getMethodDescriptor());
        }
        ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(b::addMethod);
        return b.build();
    }

    /** The message a client gets: names the message type and protobuf's reason, never the bytes. */
    static String message(MethodDescriptor<?, ?> method, Throwable cause) {
        String type = method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p
                && p.getMessagePrototype() != null ? p.getMessagePrototype().getClass().getSimpleName()
                        : "a " + method.getBareMethodName() + " request";
        String detail = cause.getCause() != null && cause.getCause().getMessage() != null
                ? cause.getCause().getMessage() : cause.getMessage();
        return "the request could not be parsed as " + type + " (not valid protobuf"
                + (detail == null ? "" : ": " + detail) + ")";
    }

    private static <Q, R> ServerMethodDefinition<Parsed<Q>, R> wrapMethod(ServerMethodDefinition<Q, R> m) {
        MethodDescriptor<Q, R> method = m.getMethodDescriptor();
        MethodDescriptor<Parsed<Q>, R> wrapped = method.toBuilder(new Parsing<>(method.getRequestMarshaller()),
                method.getResponseMarshaller()).build();
        ServerCallHandler<Q, R> next = m.getServerCallHandler();
        return ServerMethodDefinition.create(wrapped, (call, headers) -> {
            Unwrapped<Q, R> inner = new Unwrapped<>(call, method);
            return new Listener<>(inner, next.startCall(inner, headers), method);
        });
    }

    /** A request message, or why it could not be read. */
    record Parsed<Q>(Q value, RuntimeException failure) {
    }

    /** The method's own marshaller, whose parse failure becomes a value. */
    private record Parsing<Q>(MethodDescriptor.Marshaller<Q> inner) implements MethodDescriptor.Marshaller<Parsed<Q>> {
        @Override
        public InputStream stream(Parsed<Q> value) {
            return inner.stream(value.value());
        }

        @Override
        public Parsed<Q> parse(InputStream stream) {
            try {
                return new Parsed<>(inner.parse(stream), null);
            } catch (RuntimeException e) {
                return new Parsed<>(null, e);
            }
        }
    }

    /**
     * The call as the service sees it: its own message types; closed at most once. Forwarding a call typed for
     * {@code Parsed<Q>} as one for {@code Q} is safe: a server call never handles request messages itself (they
     * reach the listener), and the descriptor it reports is the method's own.
     */
    private static final class Unwrapped<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final MethodDescriptor<Q, R> method;
        private boolean closed;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Unwrapped(ServerCall<Parsed<Q>, R> call, MethodDescriptor<Q, R> method) {
            super((ServerCall) call);
            this.method = method;
        }

        @Override
        public MethodDescriptor<Q, R> getMethodDescriptor() {
            return method;
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }
    }

    /** Hands parsed messages on; an unreadable one closes the call and ends the service's side of it. */
    private static final class Listener<Q, R> extends ServerCall.Listener<Parsed<Q>> {
        private final Unwrapped<Q, R> call;
        private final ServerCall.Listener<Q> next;
        private final MethodDescriptor<Q, R> method;
        private boolean failed;

        Listener(Unwrapped<Q, R> call, ServerCall.Listener<Q> next, MethodDescriptor<Q, R> method) {
            this.call = call;
            this.next = next;
            this.method = method;
        }

        @Override
        public void onMessage(Parsed<Q> message) {
            if (failed) {
                return;
            }
            if (message.failure() == null) {
                next.onMessage(message.value());
                return;
            }
            failed = true;
            call.close(Status.INVALID_ARGUMENT.withDescription(message(method, message.failure())), new Metadata());
            next.onCancel();
        }

        @Override
        public void onHalfClose() {
            unlessFailed(next::onHalfClose);
        }

        @Override
        public void onCancel() {
            unlessFailed(next::onCancel);
        }

        @Override
        public void onComplete() {
            unlessFailed(next::onComplete);
        }

        @Override
        public void onReady() {
            unlessFailed(next::onReady);
        }

        /** After a failure the service has been told the call is cancelled: it hears nothing more of it. */
        private void unlessFailed(Runnable event) {
            if (!failed) {
                event.run();
            }
        }
    }
}
