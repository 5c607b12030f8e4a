package dev.augur.predictor.api.grpc;

import dev.augur.predictor.service.DataPlane;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelLoadRequest;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelLoadResponse;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelUnloadRequest;
import dev.augur.proto.inference.GrpcPredictV2.RepositoryModelUnloadResponse;
import dev.augur.server.grpc.PlaneGrpcService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** {@code inference.GRPCInferenceService} on the predictor's HTTP port (the server module's service). */
@GrpcService
public class InferenceGrpcService extends PlaneGrpcService {

    public InferenceGrpcService(DataPlane plane) {
        super(plane);
    }

    /** Loading reads files and builds sessions: a worker thread, never the event loop. */
    @Override
    @Blocking
    public Uni<RepositoryModelLoadResponse> repositoryModelLoad(RepositoryModelLoadRequest request) {
        return super.repositoryModelLoad(request);
    }

    @Override
    @Blocking
    public Uni<RepositoryModelUnloadResponse> repositoryModelUnload(RepositoryModelUnloadRequest request) {
        return super.repositoryModelUnload(request);
    }
}
