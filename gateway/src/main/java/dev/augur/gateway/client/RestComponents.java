package dev.augur.gateway.client;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.augur.client.Forwarded;
import dev.augur.client.HttpComponentClient;
import dev.augur.client.Peer;
import dev.augur.isvc.ComponentKind;
import dev.augur.isvc.ComponentProtocol;
import dev.augur.isvc.InferenceService;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.grpc.GrpcCodec;
import io.grpc.Deadline;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * Components that speak REST rather than V2 gRPC (KServe custom containers: {@link ComponentProtocol}): the gateway's
 * inference calls to them go through {@link HttpComponentClient} as V2 or V1 JSON. A gRPC client's encoded request
 * is decoded for it and the answer encoded back, so every ingress reaches such a component. What is not built
 * answers 501 with the reason: V1 (typeless) requests to V2 REST components, and any call other than inference
 * (metadata, readiness, explain, streams).
 */
@ApplicationScoped
public class RestComponents {
    private final HttpComponentClient client = new HttpComponentClient();

    /** How the component of {@code kind} of the service is called. */
    public static ComponentProtocol protocol(InferenceService service, ComponentKind kind) {
        return service.component(kind).map(ComponentProtocol::of).orElse(ComponentProtocol.GRPC_V2);
    }

    /** Null when {@code rpc} can go to the component, else the 501 that says why not. */
    public static InferenceException unsupported(InferenceService service, ComponentKind kind, String rpc) {
        ComponentProtocol p = protocol(service, kind);
        if (!p.rest()) {
            return null;
        }
        if (!"ModelInfer".equals(rpc)) {
            return new InferenceException(ErrorCode.UNIMPLEMENTED, "the " + kind.field() + " of InferenceService '"
                    + service.name() + "' is a custom container speaking " + p.value() + " REST: the gateway "
                    + "forwards inference to it, not " + rpc);
        }
        return null;
    }

    /**
     * ModelInfer to a REST component: a neutral request as it is, an encoded one ({@code wire}) decoded first and
     * its answer encoded back. A V1 component gets the request's tensor as {@code instances}; a V2 one a V2 body,
     * which a V1 request (no datatypes) cannot become faithfully: 501.
     *
     * @param request the neutral request, or null when {@code wire} carries it
     * @return an {@link InferenceResponse}, or a {@link Buffer} holding the encoded answer when {@code wire} was given
     */
    public CompletableFuture<Object> infer(Peer peer, Forwarded headers, Deadline deadline, InferenceRequest request,
            Buffer wire, String model, ComponentProtocol protocol) {
        boolean raw = false;
        InferenceRequest r = request;
        if (r == null) {
            ModelInferRequest m;
            try {
                m = ModelInferRequest.parseFrom(wire.getBytes());
            } catch (InvalidProtocolBufferException e) {
                return CompletableFuture.failedFuture(InferenceException.invalid("unreadable ModelInferRequest: "
                        + e.getMessage()));
            }
            raw = m.getRawInputContentsCount() > 0;
            r = GrpcCodec.decodeRequest(m);
        }
        if (r.typeless() && protocol == ComponentProtocol.REST_V2) {
            return CompletableFuture.failedFuture(new InferenceException(ErrorCode.UNIMPLEMENTED, "component '"
                    + peer.name() + "' is a custom container speaking V2 REST, and a V1 request (no datatypes) is "
                    + "not converted for it; send the V2 protocol"));
        }
        boolean encoded = wire != null;
        boolean rawOut = raw;
        InferenceRequest out = r.withTarget(model, r.modelVersion());
        return (protocol == ComponentProtocol.REST_V1 ? client.predictV1(peer, headers, deadline, out)
                : client.infer(peer, headers, deadline, out))
                .thenApply(answer -> encoded ? toWire(answer, rawOut) : answer);
    }

    private static Object toWire(InferenceResponse answer, boolean raw) {
        return Buffer.buffer(GrpcCodec.encodeResponse(answer, raw).toByteArray());
    }
}
