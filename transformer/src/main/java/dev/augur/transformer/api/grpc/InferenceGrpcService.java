package dev.augur.transformer.api.grpc;

import dev.augur.proto.inference.GRPCInferenceService;
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
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.GrpcCodec;
import dev.augur.protocol.InferenceException;
import dev.augur.protocol.InferenceRequest;
import dev.augur.protocol.ServerMetadata;
import dev.augur.transformer.service.TransformerService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** {@code inference.GRPCInferenceService} on the transformer's HTTP port. Errors leave through {@link GrpcErrors}. */
@GrpcService
public class InferenceGrpcService implements GRPCInferenceService {
    private final TransformerService service;

    public InferenceGrpcService(TransformerService service) {
        this.service = service;
    }

    @Override
    public Uni<ServerLiveResponse> serverLive(ServerLiveRequest request) {
        return Uni.createFrom().item(ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public Uni<ServerReadyResponse> serverReady(ServerReadyRequest request) {
        return Uni.createFrom().item(ServerReadyResponse.newBuilder().setReady(service.ready()).build());
    }

    @Override
    public Uni<ModelReadyResponse> modelReady(ModelReadyRequest request) {
        return Uni.createFrom().item(() -> ModelReadyResponse.newBuilder()
                .setReady(service.modelReady(request.getName())).build());
    }

    @Override
    public Uni<ServerMetadataResponse> serverMetadata(ServerMetadataRequest request) {
        ServerMetadata m = service.serverMetadata();
        return Uni.createFrom().item(ServerMetadataResponse.newBuilder().setName(m.name()).setVersion(m.version())
                .addAllExtensions(m.extensions()).build());
    }

    @Override
    public Uni<ModelMetadataResponse> modelMetadata(ModelMetadataRequest request) {
        return Uni.createFrom().item(() -> GrpcCodec.encodeMetadata(service.metadata(request.getName(),
                request.getVersion().isEmpty() ? null : request.getVersion())));
    }

    /** Triton's streaming RPC is for generative models, which a transformer pipeline does not front. */
    @Override
    public Multi<ModelStreamInferResponse> modelStreamInfer(Multi<ModelInferRequest> requests) {
        return Multi.createFrom().failure(new InferenceException(ErrorCode.UNIMPLEMENTED,
                "ModelStreamInfer is not served by a transformer: stream from the predictor (or the gateway's OpenAI API)"));
    }

    @Override
    public Uni<ModelInferResponse> modelInfer(ModelInferRequest request) {
        return Uni.createFrom().deferred(() -> {
            InferenceRequest decoded = GrpcCodec.decodeRequest(request);
            boolean raw = request.getRawInputContentsCount() > 0;
            return Uni.createFrom().completionStage(service.infer(decoded))
                    .map(response -> GrpcCodec.encodeResponse(response, raw));
        });
    }

    @Override
    public Uni<RepositoryIndexResponse> repositoryIndex(RepositoryIndexRequest request) {
        return unimplemented();
    }

    @Override
    public Uni<RepositoryModelLoadResponse> repositoryModelLoad(RepositoryModelLoadRequest request) {
        return unimplemented();
    }

    @Override
    public Uni<RepositoryModelUnloadResponse> repositoryModelUnload(RepositoryModelUnloadRequest request) {
        return unimplemented();
    }

    private static <T> Uni<T> unimplemented() {
        return Uni.createFrom().failure(new InferenceException(ErrorCode.UNIMPLEMENTED,
                "the transformer has no model repository; use the predictor's"));
    }
}
