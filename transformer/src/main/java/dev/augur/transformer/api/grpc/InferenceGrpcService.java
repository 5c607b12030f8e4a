package dev.augur.transformer.api.grpc;

import dev.augur.server.grpc.PlaneGrpcService;
import dev.augur.transformer.service.TransformerService;
import io.quarkus.grpc.GrpcService;

/** {@code inference.GRPCInferenceService} on the transformer's HTTP port (the server module's service). */
@GrpcService
public class InferenceGrpcService extends PlaneGrpcService {

    public InferenceGrpcService(TransformerService service) {
        super(service);
    }
}
