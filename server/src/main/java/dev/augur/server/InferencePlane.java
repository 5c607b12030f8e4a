package dev.augur.server;

import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.ModelIndexEntry;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.core.ServerMetadata;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * What a server that answers the inference protocols does, without a transport: the predictor's data plane and the
 * transformer's pipeline implement it, and the server module's V1/V2 REST resources and V2 gRPC service call it
 * ({@code rest.V1PlaneResource}, {@code rest.V2PlaneResource}, {@code grpc.PlaneGrpcService}). A version of
 * {@code null} means the model's default version. Failures are {@link InferenceException}s (thrown, or completing
 * the returned stage).
 */
public interface InferencePlane {
    ServerMetadata serverMetadata();

    /** Server readiness: {@code /v2/health/ready}, gRPC ServerReady. */
    boolean ready();

    boolean modelReady(String model, String version);

    /** The models V1's {@code GET /v1/models} lists. */
    List<String> modelNames();

    ModelMetadata metadata(String model, String version);

    CompletionStage<InferenceResponse> infer(InferenceRequest request);

    /**
     * Fails with NOT_FOUND (or a 400 for an invalid name) when the plane has no such model or version; does nothing
     * when it has. Called when a request could not be decoded ({@link ModelFirst}); a plane that serves any name
     * leaves it as is.
     */
    default void requireModel(String model, String version) {
    }

    /**
     * Null when the plane has a model repository (index, load, unload); otherwise the reason, answered as
     * UNIMPLEMENTED by the repository calls.
     */
    default String noRepository() {
        return "this server has no model repository";
    }

    /**
     * Null when the plane streams (Triton's ModelStreamInfer); otherwise the reason, answered as UNIMPLEMENTED for
     * the whole stream.
     */
    default String noStreaming() {
        return "ModelStreamInfer is not served here";
    }

    default List<ModelIndexEntry> index(boolean readyOnly) {
        throw unimplemented(noRepository());
    }

    default void load(String model) {
        throw unimplemented(noRepository());
    }

    default void unload(String model) {
        throw unimplemented(noRepository());
    }

    /**
     * Runs one request whose responses come one by one (a generation's tokens): each goes to {@code sink}, which
     * answers false once nobody listens. Completes when the last response was sent.
     */
    default CompletionStage<Void> stream(InferenceRequest request, Predicate<InferenceResponse> sink) {
        throw unimplemented(noStreaming());
    }

    private static InferenceException unimplemented(String reason) {
        return new InferenceException(ErrorCode.UNIMPLEMENTED, reason);
    }
}
