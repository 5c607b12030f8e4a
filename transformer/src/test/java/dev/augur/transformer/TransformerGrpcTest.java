package dev.augur.transformer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.proto.inference.GrpcPredictV2.InferTensorContents;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's path: V2 gRPC ModelInfer with one input per field, as typed contents on the HTTP port. */
@QuarkusTest
@QuarkusTestResource(PredictorResource.class)
class TransformerGrpcTest {
    static final IrisRows IRIS = IrisRows.load();
    private ManagedChannel channel;
    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

    @BeforeEach
    void open() {
        channel = ManagedChannelBuilder.forAddress("localhost", RestAssured.port).usePlaintext().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    static ModelInferRequest.Builder request(int rows, int skipField) {
        ModelInferRequest.Builder b = ModelInferRequest.newBuilder().setModelName("iris");
        for (int c = 0; c < 4; c++) {
            if (c == skipField) {
                continue;
            }
            InferTensorContents.Builder data = InferTensorContents.newBuilder();
            for (int r = 0; r < rows; r++) {
                data.addFp32Contents((float) IRIS.inputs()[r][c]);
            }
            b.addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName(IrisRows.FIELDS[c])
                    .setDatatype("FP32").addShape(rows).setContents(data));
        }
        return b;
    }

    @Test
    void modelInferGivesReferenceLabels() {
        ModelInferResponse r = stub.modelInfer(request(150, -1).build());
        assertEquals("label", r.getOutputs(0).getName());
        for (int i = 0; i < 150; i++) {
            assertEquals(IRIS.labels()[i], r.getOutputs(0).getContents().getInt64Contents(i), "row " + i);
        }
    }

    @Test
    void missingFieldIsInvalidArgumentNamingIt() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.modelInfer(request(2, 2).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("'petal_length'"), e.getStatus().getDescription());
    }
}
