package dev.augur.telemetry;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the services' own gRPC channels and thread pools need for one trace per request: Quarkus instruments its
 * own servers and clients, not channels built with grpc-java directly (the gateway's, the transformer's and the
 * explainer's predictor clients), nor tasks handed to a plain executor. Each helper costs nothing when tracing is
 * off ({@link #enabled()} is read once by the caller, at start-up).
 */
public final class Tracing {
    private static final TextMapSetter<Metadata> METADATA = (carrier, key, value) -> carrier
            .put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

    /** Writes the current span's W3C {@code traceparent} (and {@code tracestate}) into every call's metadata. */
    public static final ClientInterceptor PROPAGATION = new ClientInterceptor() {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                Channel next) {
            Context context = Context.current();
            return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    W3CTraceContextPropagator.getInstance().inject(context, headers, METADATA);
                    super.start(listener, headers);
                }
            };
        }
    };

    private Tracing() {
    }

    /** True when this process exports spans (an OTLP endpoint is set, see {@link TracingDefaults}). */
    public static boolean enabled() {
        return !ConfigProvider.getConfig().getOptionalValue(TracingDefaults.SDK_DISABLED, Boolean.class)
                .orElse(false);
    }

    /** Runs each task in the trace context of the thread that submitted it, when tracing is on. */
    public static Executor propagating(Executor executor) {
        return enabled() ? Context.taskWrapping(executor) : executor;
    }
}
