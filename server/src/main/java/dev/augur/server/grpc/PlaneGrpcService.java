package dev.augur.server.grpc;

import dev.augur.proto.inference.MutinyGRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelReadyRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelReadyResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelStreamInferResponse;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryIndexRequest;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryIndexResponse;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelLoadRequest;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelLoadResponse;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelUnloadRequest;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelUnloadResponse;
import dev.augur.proto.inference.GrpcPredictV2.ServerLiveRequest;
import dev.augur.proto.inference.GrpcPredictV2.ServerLiveResponse;
import dev.augur.proto.inference.GrpcPredictV2.ServerMetadataRequest;
import dev.augur.proto.inference.GrpcPredictV2.ServerMetadataResponse;
import dev.augur.proto.inference.GrpcPredictV2.ServerReadyRequest;
import dev.augur.proto.inference.GrpcPredictV2.ServerReadyResponse;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.ServerMetadata;
import dev.augur.protocol.grpc.GrpcCodec;
import dev.augur.protocol.grpc.StreamGrpcCodec;
import dev.augur.server.Failures;
import dev.augur.server.InferencePlane;
import dev.augur.server.ModelFirst;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code inference.GRPCInferenceService} over an {@link InferencePlane}. A service registers it with a
 * {@code @GrpcService} subclass (a library class with the annotation would be served by every service, the gateway
 * included, which has its own); the subclass also marks the repository calls {@code @Blocking} where loading reads
 * files. Errors leave through {@link GrpcErrors}; a request message that cannot be parsed is answered
 * INVALID_ARGUMENT by {@link UnreadableMessages} (so this extends the generated base, whose definition it wraps).
 */
public abstract class PlaneGrpcService extends MutinyGRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private final InferencePlane plane;

    protected PlaneGrpcService(InferencePlane plane) {
        this.plane = plane;
    }

    @Override
    public io.grpc.ServerServiceDefinition bindService() {
        return UnreadableMessages.wrap(super.bindService());
    }

    @Override
    public Uni<ServerLiveResponse> serverLive(ServerLiveRequest request) {
        return Uni.createFrom().item(ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public Uni<ServerReadyResponse> serverReady(ServerReadyRequest request) {
        return Uni.createFrom().item(ServerReadyResponse.newBuilder().setReady(plane.ready()).build());
    }

    @Override
    public Uni<ModelReadyResponse> modelReady(ModelReadyRequest request) {
        return Uni.createFrom().item(() -> ModelReadyResponse.newBuilder()
                .setReady(plane.modelReady(request.getName(), emptyToNull(request.getVersion()))).build());
    }

    @Override
    public Uni<ServerMetadataResponse> serverMetadata(ServerMetadataRequest request) {
        ServerMetadata m = plane.serverMetadata();
        return Uni.createFrom().item(ServerMetadataResponse.newBuilder().setName(m.name()).setVersion(m.version())
                .addAllExtensions(m.extensions()).build());
    }

    @Override
    public Uni<ModelMetadataResponse> modelMetadata(ModelMetadataRequest request) {
        return Uni.createFrom().item(() -> GrpcCodec.encodeMetadata(
                plane.metadata(request.getName(), emptyToNull(request.getVersion()))));
    }

    @Override
    public Uni<ModelInferResponse> modelInfer(ModelInferRequest request) {
        return Uni.createFrom().deferred(() -> {
            InferenceRequest decoded = ModelFirst.decode(plane, request.getModelName(), request.getModelVersion(),
                    () -> GrpcCodec.decodeRequest(request));
            boolean raw = request.getRawInputContentsCount() > 0;
            return Uni.createFrom().completionStage(plane.infer(decoded))
                    .map(response -> GrpcCodec.encodeResponse(response, raw));
        });
    }

    /**
     * Triton's streaming inference: every request on the stream runs at once and its responses are sent as they
     * come (a generation's tokens). A failed request answers {@code error_message} and the stream goes on; a client
     * that goes away stops its generations. A plane that does not stream refuses the whole stream.
     */
    @Override
    public Multi<ModelStreamInferResponse> modelStreamInfer(Multi<ModelInferRequest> requests) {
        String refused = plane.noStreaming();
        if (refused != null) {
            return Multi.createFrom().failure(new InferenceException(ErrorCode.UNIMPLEMENTED, refused));
        }
        return requests.onItem().transformToMultiAndMerge(request -> Multi.createFrom().emitter(emitter -> {
            AtomicBoolean gone = new AtomicBoolean();
            emitter.onTermination(() -> gone.set(true));
            InferenceRequest decoded;
            try {
                decoded = GrpcCodec.decodeRequest(request);
            } catch (InferenceException e) {
                emitter.emit(StreamGrpcCodec.encodeError(request.getModelName(), request.getId(), e));
                emitter.complete();
                return;
            }
            boolean raw = request.getRawInputContentsCount() > 0;
            plane.stream(decoded, response -> {
                if (gone.get()) {
                    return false;
                }
                emitter.emit(StreamGrpcCodec.encode(response, raw));
                return true;
            }).whenComplete((done, error) -> {
                if (error != null && !gone.get()) {
                    emitter.emit(StreamGrpcCodec.encodeError(decoded.modelName(), decoded.id(),
                            Failures.toInference(error, "generation failed: ")));
                }
                emitter.complete();
            });
        }));
    }

    @Override
    public Uni<RepositoryIndexResponse> repositoryIndex(RepositoryIndexRequest request) {
        return Uni.createFrom().item(() -> GrpcCodec.encodeIndex(plane.index(request.getReady())));
    }

    @Override
    public Uni<RepositoryModelLoadResponse> repositoryModelLoad(RepositoryModelLoadRequest request) {
        return Uni.createFrom().item(() -> {
            plane.load(request.getModelName());
            return RepositoryModelLoadResponse.newBuilder().setModelName(request.getModelName()).setIsLoaded(true)
                    .build();
        });
    }

    @Override
    public Uni<RepositoryModelUnloadResponse> repositoryModelUnload(RepositoryModelUnloadRequest request) {
        return Uni.createFrom().item(() -> {
            plane.unload(request.getModelName());
            return RepositoryModelUnloadResponse.newBuilder().setModelName(request.getModelName())
                    .setIsUnloaded(true).build();
        });
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
