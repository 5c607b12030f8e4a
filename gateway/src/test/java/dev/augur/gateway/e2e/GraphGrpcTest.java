package dev.augur.gateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.proto.inference.GrpcPredictV2.InferTensorContents;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** V2 gRPC ModelInfer addressed to a graph of V2 steps ({@code model_name} = the graph), checked against sklearn. */
@QuarkusTest
class GraphGrpcTest {
    private static final int[] ROWS = {GraphTest.LARGE, GraphTest.SMALL, GraphTest.MIDDLE};

    @BeforeEach
    void serviceIsReady() {
        Gateway.readyPort("forest-v2");
    }

    private static ModelInferRequest request(int width) {
        InferTensorContents.Builder data = InferTensorContents.newBuilder();
        for (int r : ROWS) {
            data.addAllFp32Contents(Reference.input(Reference.FOREST, r).subList(0, width));
        }
        return ModelInferRequest.newBuilder().setModelName("grpc-chain").setId("g-1")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("float_input").setDatatype("FP32")
                        .addShape(ROWS.length).addShape(width).setContents(data))
                .build();
    }

    @Test
    void aGraphAnswersModelInferByItsName() throws Exception {
        ModelInferResponse r;
        try (GrpcClients gateway = GrpcClients.gateway()) {
            r = gateway.stub().modelInfer(request(4));
        }
        ModelInferResponse.InferOutputTensor label = r.getOutputsList().stream()
                .filter(o -> o.getName().equals("label")).findFirst().orElseThrow();
        List<Long> expected = java.util.Arrays.stream(ROWS).mapToObj(i -> (long) Reference.label(Reference.FOREST, i))
                .toList();
        assertEquals(expected, label.getContents().getInt64ContentsList());
    }

    @Test
    void aCompressedCallToAGraphIsAnsweredToo() throws Exception {
        ModelInferResponse r;
        try (GrpcClients gateway = GrpcClients.gateway()) {
            r = gateway.stub().withCompression("gzip").modelInfer(request(4));
        }
        assertEquals(Reference.label(Reference.FOREST, GraphTest.LARGE), r.getOutputsList().stream()
                .filter(o -> o.getName().equals("label")).findFirst().orElseThrow().getContents().getInt64Contents(0));
    }

    @Test
    void theGraphsAuthorityRoutesModelInferToIt() throws Exception {
        ModelInferResponse r;
        try (GrpcClients gateway = GrpcClients.gateway("grpc-chain.default.example.com")) {
            r = gateway.stub().modelInfer(request(4).toBuilder().setModelName("whatever").build());
        }
        assertEquals(Reference.label(Reference.FOREST, GraphTest.LARGE), r.getOutputsList().stream()
                .filter(o -> o.getName().equals("label")).findFirst().orElseThrow().getContents().getInt64Contents(0));
    }

    @Test
    void aFailingGraphAnswersTheErrorTablesStatus() throws Exception {
        StatusRuntimeException e;
        try (GrpcClients gateway = GrpcClients.gateway()) {
            e = assertThrows(StatusRuntimeException.class, () -> gateway.stub().modelInfer(request(3)));
        }
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("InferenceGraph 'grpc-chain' answered 400: "),
                e.getStatus().getDescription());
    }
}
