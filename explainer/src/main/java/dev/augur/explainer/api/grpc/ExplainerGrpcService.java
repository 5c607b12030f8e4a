package dev.augur.explainer.api.grpc;

import dev.augur.explainer.service.ExplainService;
import dev.augur.proto.explain.AugurExplain.ExplainRequest;
import dev.augur.proto.explain.AugurExplain.ExplainResponse;
import dev.augur.proto.explain.MutinyExplainerServiceGrpc;
import dev.augur.protocol.explain.ExplainGrpcCodec;
import dev.augur.server.grpc.UnreadableMessages;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** {@code augur.explain.ExplainerService} on the HTTP port (h2c). Errors leave through the server module's {@code GrpcErrors}. */
@GrpcService
public class ExplainerGrpcService extends MutinyExplainerServiceGrpc.ExplainerServiceImplBase {
    private final ExplainService service;

    public ExplainerGrpcService(ExplainService service) {
        this.service = service;
    }

    /** An unreadable request message is INVALID_ARGUMENT (the server module's wrapper), not the marshaller's INTERNAL. */
    @Override
    public io.grpc.ServerServiceDefinition bindService() {
        return UnreadableMessages.wrap(super.bindService());
    }

    @Override
    @Blocking
    public Uni<ExplainResponse> explain(ExplainRequest request) {
        return Uni.createFrom().item(() -> ExplainGrpcCodec.encodeResponse(
                service.explain(ExplainGrpcCodec.decodeRequest(request))));
    }
}
