package dev.augur.gateway.api.grpc;

import dev.augur.gateway.graph.GraphGrpc;
import dev.augur.gateway.service.Exchange;
import dev.augur.gateway.service.Payload;
import dev.augur.gateway.service.Router;
import dev.augur.gateway.service.Target;
import dev.augur.isvc.InferenceGraph;
import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
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
import dev.augur.proto.inference.MutinyGRPCInferenceServiceGrpc;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.grpc.GrpcCodec;
import dev.augur.server.grpc.GrpcErrors;
import dev.augur.server.grpc.UnreadableMessages;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.netty.buffer.Unpooled;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway is itself an {@code inference.GRPCInferenceService} on its HTTP port: server calls answer for the
 * gateway, model calls are routed by {@code model_name} (or by {@code :authority} like REST's Host). ModelInfer
 * forwards the client's message as it is, without decoding its tensors. Errors leave through {@link GrpcErrors}.
 */
@GrpcService
public class GatewayGrpcService extends MutinyGRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private static final List<String> EXTENSIONS = List.of("binary_tensor_data");

    private final Router router;
    private final StreamIngress streams;
    private final GraphGrpc graphs;

    public GatewayGrpcService(Router router, StreamIngress streams, GraphGrpc graphs) {
        this.graphs = graphs;
        this.router = router;
        this.streams = streams;
    }

    /** An unreadable request message is INVALID_ARGUMENT on every method (the server module's wrapper). */
    @Override
    public io.grpc.ServerServiceDefinition bindService() {
        return UnreadableMessages.wrap(super.bindService());
    }

    /** Triton's streaming inference (a generation's tokens), forwarded request by request to the predictor. */
    @Override
    public Multi<ModelStreamInferResponse> modelStreamInfer(Multi<ModelInferRequest> requests) {
        return streams.forward(requests);
    }

    @Override
    public Uni<ServerLiveResponse> serverLive(ServerLiveRequest request) {
        return Uni.createFrom().item(ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public Uni<ServerReadyResponse> serverReady(ServerReadyRequest request) {
        return Uni.createFrom().item(() -> ServerReadyResponse.newBuilder().setReady(router.ready()).build());
    }

    @Override
    public Uni<ServerMetadataResponse> serverMetadata(ServerMetadataRequest request) {
        return Uni.createFrom().item(ServerMetadataResponse.newBuilder().setName("augur-gateway")
                .setVersion("0.1.0").addAllExtensions(EXTENSIONS).build());
    }

    /** Asks the component and forwards its answer as it is; the request goes on aimed at the served model. */
    @Override
    public Uni<ModelReadyResponse> modelReady(ModelReadyRequest request) {
        return routed(request.getName(), (ex, t) -> router.modelCall(ex, t,
                GRPCInferenceServiceGrpc.getModelReadyMethod(), m -> request.toBuilder().setName(m).build()));
    }

    @Override
    public Uni<ModelMetadataResponse> modelMetadata(ModelMetadataRequest request) {
        return routed(request.getName(), (ex, t) -> router.modelCall(ex, t,
                GRPCInferenceServiceGrpc.getModelMetadataMethod(), m -> request.toBuilder().setName(m).build()));
    }

    @Override
    public Uni<ModelInferResponse> modelInfer(ModelInferRequest request) {
        Deadline deadline = Context.current().getDeadline();
        var graph = graphs.addressed(ExchangeInterceptor.AUTHORITY.get(), request.getModelName());
        if (graph.isPresent()) {
            Exchange ex = ExchangeInterceptor.EXCHANGE.get();
            return Uni.createFrom().completionStage(() -> graph(graphs, ex, graph.get(), request));
        }
        // Compressed calls only (ModelInferIngress takes the others): the decoded message goes on as its bytes.
        Payload<Buffer> payload = Payload.wire(Buffer.buffer(Unpooled.wrappedBuffer(request.toByteArray())),
                request.getModelName());
        return routed(request.getModelName(), (ex, t) -> router.infer(ex, t, payload, deadline)
                .thenApply(GatewayGrpcService::response));
    }

    /** ModelInfer addressed to a graph, for both ingresses: answered raw when the request was. */
    static CompletableFuture<ModelInferResponse> graph(GraphGrpc graphs, Exchange ex, InferenceGraph graph,
            ModelInferRequest request) {
        return graphs.infer(ex, graph, () -> GrpcCodec.decodeRequest(request))
                .thenApply(r -> GrpcCodec.encodeResponse(r, request.getRawInputContentsCount() > 0));
    }

    private static ModelInferResponse response(Buffer answer) {
        try {
            return ModelInferResponse.parseFrom(answer.getByteBuf().nioBuffer());
        } catch (InvalidProtocolBufferException e) {
            throw new InferenceException(ErrorCode.INTERNAL, "the component's ModelInferResponse cannot be read: "
                    + e.getMessage());
        }
    }

    @Override
    public Uni<RepositoryIndexResponse> repositoryIndex(RepositoryIndexRequest request) {
        return unimplemented("RepositoryIndex");
    }

    @Override
    public Uni<RepositoryModelLoadResponse> repositoryModelLoad(RepositoryModelLoadRequest request) {
        return unimplemented("RepositoryModelLoad");
    }

    @Override
    public Uni<RepositoryModelUnloadResponse> repositoryModelUnload(RepositoryModelUnloadRequest request) {
        return unimplemented("RepositoryModelUnload");
    }

    /** Resolves the target in the call's context (read here, on the calling thread) and runs the routed call. */
    private <T> Uni<T> routed(String model, java.util.function.BiFunction<Exchange, Target, CompletableFuture<T>> call) {
        Exchange ex = ExchangeInterceptor.EXCHANGE.get();
        String authority = ExchangeInterceptor.AUTHORITY.get();
        return Uni.createFrom().completionStage(() -> {
            if (model.isEmpty()) {
                throw InferenceException.invalid("the model name is missing");
            }
            return call.apply(ex, router.resolve(ex, authority, model));
        });
    }

    private static <T> Uni<T> unimplemented(String rpc) {
        return Uni.createFrom().failure(new InferenceException(ErrorCode.UNIMPLEMENTED, rpc
                + " is not available at the gateway: models are managed through InferenceService specs"));
    }
}
