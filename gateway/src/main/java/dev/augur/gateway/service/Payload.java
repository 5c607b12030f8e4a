package dev.augur.gateway.service;

import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.grpc.ModelInferWire;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * What {@link Router#infer} carries to a component: a {@code ModelInferRequest} either as a gRPC client encoded it
 * (forwarded as those bytes, only retargeted when routing renamed the model) or as a neutral request decoded at the
 * edge (typed for the revision that serves it, then encoded once). The answer is always the component's encoded
 * {@code ModelInferResponse}; {@link #decode} reads it for callers that want the neutral one.
 *
 * @param wire      the encoded message, or null for a neutral one
 * @param modelName the encoded message's {@code model_name}, as the caller read it
 * @param request   the neutral request, or null for an encoded one
 */
public record Payload(Buffer wire, String modelName, InferenceRequest request) {

    /** An encoded message whose {@code model_name} the caller has read ({@link ModelInferWire#modelName}). */
    public static Payload wire(Buffer message, String modelName) {
        return new Payload(message, modelName, null);
    }

    public static Payload of(InferenceRequest request) {
        return new Payload(null, null, request);
    }

    /** The component's answer as a neutral response. */
    public static InferenceResponse decode(Buffer answer) {
        return ModelInferWire.decodeResponse(answer.getByteBuf().nioBuffer());
    }

    /** The encoded message aimed at {@code model}: the client's bytes, with the name field appended if it differs. */
    Buffer wireFor(String model) {
        return model.equals(modelName) ? wire : wire.copy().appendBytes(ModelInferWire.modelNameField(model));
    }

    /** A neutral request, encoded. */
    static Buffer encode(InferenceRequest request) {
        return Buffer.buffer(Unpooled.wrappedBuffer(ModelInferWire.encodeRequest(request)));
    }
}
