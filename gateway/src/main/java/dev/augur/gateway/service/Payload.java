package dev.augur.gateway.service;

import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.grpc.ModelInferWire;
import io.vertx.core.buffer.Buffer;

/**
 * What {@link Router#infer} carries to a component, and so what comes back: a {@code ModelInferRequest} either as a
 * gRPC client encoded it (forwarded as those bytes, only retargeted when routing renamed the model; the answer is the
 * component's encoded {@code ModelInferResponse}, not decoded) or as a neutral request decoded at the edge (typed for
 * the revision that serves it; the answer is the neutral response). A neutral request is encoded straight into the
 * call and its answer parsed straight out of it, never held as bytes in between.
 *
 * @param <A>       the answer: {@link Buffer} for an encoded message, {@link InferenceResponse} for a neutral one
 * @param wire      the encoded message, or null for a neutral one
 * @param modelName the encoded message's {@code model_name}, as the caller read it
 * @param request   the neutral request, or null for an encoded one
 */
public record Payload<A>(Buffer wire, String modelName, InferenceRequest request) {

    /** An encoded message whose {@code model_name} the caller has read ({@link ModelInferWire#modelName}). */
    public static Payload<Buffer> wire(Buffer message, String modelName) {
        return new Payload<>(message, modelName, null);
    }

    public static Payload<InferenceResponse> of(InferenceRequest request) {
        return new Payload<>(null, null, request);
    }

    /** The encoded message aimed at {@code model}: the client's bytes, with the name field appended if it differs. */
    Buffer wireFor(String model) {
        return model.equals(modelName) ? wire : wire.copy().appendBytes(ModelInferWire.modelNameField(model));
    }
}
