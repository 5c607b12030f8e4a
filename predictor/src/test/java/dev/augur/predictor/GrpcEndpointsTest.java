package dev.augur.predictor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.augur.proto.inference.GrpcPredictV2.InferTensorContents;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelMetadataResponse;
import dev.augur.proto.inference.GrpcPredictV2.ModelReadyRequest;
import dev.augur.proto.inference.GrpcPredictV2.ServerLiveRequest;
import dev.augur.proto.inference.GrpcPredictV2.ServerMetadataRequest;
import dev.augur.proto.inference.GrpcPredictV2.ServerReadyRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class GrpcEndpointsTest {
    private ManagedChannel channel;
    private GRPCInferenceServiceBlockingStub stub;

    @BeforeEach
    void connect() {
        channel = GrpcClients.channel();
        stub = GrpcClients.stub(channel);
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    private static ModelInferRequest request(String model, long cols, float... values) {
        InferTensorContents.Builder c = InferTensorContents.newBuilder();
        for (float v : values) {
            c.addFp32Contents(v);
        }
        return ModelInferRequest.newBuilder().setModelName(model).addInputs(ModelInferRequest.InferInputTensor
                .newBuilder().setName("float_input").setDatatype("FP32").addShape(1).addShape(cols).setContents(c))
                .build();
    }

    private Status failure(ModelInferRequest r) {
        return assertThrows(StatusRuntimeException.class, () -> stub.modelInfer(r)).getStatus();
    }

    @Test
    void serverIsLiveAndReady() {
        assertTrue(stub.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
        assertTrue(stub.serverReady(ServerReadyRequest.getDefaultInstance()).getReady());
    }

    @Test
    void modelReadinessFollowsLoadState() {
        assertTrue(stub.modelReady(ModelReadyRequest.newBuilder().setName("iris-logreg").build()).getReady());
        assertFalse(stub.modelReady(ModelReadyRequest.newBuilder().setName("broken").build()).getReady());
    }

    @Test
    void serverMetadataNamesExtensions() {
        assertTrue(stub.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getExtensionsList()
                .contains("binary_tensor_data"));
    }

    @Test
    void modelMetadataDescribesTheGraph() {
        ModelMetadataResponse m = stub.modelMetadata(ModelMetadataRequest.newBuilder().setName("iris-versions").build());
        assertEquals(List.of("1", "2"), m.getVersionsList());
        assertEquals("onnxruntime_onnx", m.getPlatform());
        assertEquals(List.of(-1L, 4L), m.getInputs(0).getShapeList());
    }

    @Test
    void inferEchoesIdAndVersion() {
        var r = stub.modelInfer(request("iris-logreg", 4, 5.1f, 3.5f, 1.4f, 0.2f).toBuilder().setId("g-1").build());
        assertEquals("g-1", r.getId());
        assertEquals("1", r.getModelVersion());
        assertEquals(List.of(0L), r.getOutputs(0).getContents().getInt64ContentsList());
    }

    @Test
    void unknownModelIsNotFound() {
        Status s = failure(request("nope", 4, 1, 2, 3, 4));
        assertEquals(Status.Code.NOT_FOUND, s.getCode());
        assertEquals("model 'nope' is not in the repository", s.getDescription());
    }

    @Test
    void wrongShapeIsInvalidArgument() {
        Status s = failure(request("iris-logreg", 3, 1, 2, 3));
        assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode());
        assertEquals("input 'float_input': shape [1, 3] does not match model 'iris-logreg' shape [-1, 4] "
                + "(-1 is any size)", s.getDescription());
    }

    @Test
    void unknownDatatypeIsInvalidArgument() {
        ModelInferRequest r = request("iris-logreg", 4, 1, 2, 3, 4);
        r = r.toBuilder().setInputs(0, r.getInputs(0).toBuilder().setDatatype("REAL")).build();
        Status s = failure(r);
        assertEquals(Status.Code.INVALID_ARGUMENT, s.getCode());
        assertTrue(s.getDescription().startsWith("input 'float_input': unknown datatype 'REAL'"));
    }

    @Test
    void failedModelIsUnavailable() {
        Status s = failure(request("broken", 4, 1, 2, 3, 4));
        assertEquals(Status.Code.UNAVAILABLE, s.getCode());
        assertTrue(s.getDescription().startsWith("model 'broken' version 1 is UNAVAILABLE"));
    }
}
