package dev.augur.gateway.api.grpc;

import dev.augur.client.Forwarded;
import dev.augur.gateway.api.rest.Ingress;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Protocol;
import dev.augur.gateway.service.Telemetry;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The gRPC side of the ingress: opens the call's {@link Exchange} from its metadata, answers with
 * {@code x-request-id} and {@code x-augur-revision} (in the headers, or in the trailers of a trailers-only error)
 * and records the call once with its final status.
 */
@GlobalInterceptor
@ApplicationScoped
public class ExchangeInterceptor implements ServerInterceptor {
    static final Context.Key<Exchange> EXCHANGE = Context.key("augur-exchange");
    static final Context.Key<String> AUTHORITY = Context.key("augur-authority");

    private static final Metadata.Key<String> REQUEST_ID = key(Forwarded.REQUEST_ID);
    private static final Metadata.Key<String> TRACEPARENT = key(Forwarded.TRACEPARENT);
    private static final Metadata.Key<String> AUTHORIZATION = key(Forwarded.AUTHORIZATION);
    private static final Metadata.Key<String> REVISION = key(Ingress.REVISION_HEADER);
    private static final Metadata.Key<String> FILTERED_AUTHORITY = key(AuthorityFilter.HEADER);
    /** Probes: not worth an access-log line each, as on the REST side. */
    private static final Set<String> UNRECORDED = Set.of("ServerLive", "ServerReady");

    private final Telemetry telemetry;

    public ExchangeInterceptor(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Exchange ex = Exchange.open(Protocol.GRPC, "POST", "/" + call.getMethodDescriptor().getFullMethodName(),
                headers.get(REQUEST_ID), headers.get(TRACEPARENT), headers.get(AUTHORIZATION));
        boolean record = !UNRECORDED.contains(call.getMethodDescriptor().getBareMethodName());
        ServerCall<Q, R> answering = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            private boolean headersSent;

            @Override
            public void sendHeaders(Metadata responseHeaders) {
                headersSent = true;
                tag(responseHeaders, ex);
                super.sendHeaders(responseHeaders);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                if (!headersSent) {
                    tag(trailers, ex);
                }
                if (record) {
                    telemetry.finished(ex, 200, status.getCode().name());
                }
                super.close(status, trailers);
            }
        };
        Context context = Context.current().withValue(EXCHANGE, ex).withValue(AUTHORITY,
                call.getAuthority() != null ? call.getAuthority() : headers.get(FILTERED_AUTHORITY));
        return Contexts.interceptCall(context, answering, headers, next);
    }

    private static void tag(Metadata m, Exchange ex) {
        m.put(REQUEST_ID, ex.requestId());
        if (ex.revision() != null) {
            m.put(REVISION, ex.revision());
        }
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }
}
