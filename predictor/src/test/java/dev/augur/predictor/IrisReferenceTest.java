package dev.augur.predictor;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.augur.proto.inference.GrpcPredictV2.InferTensorContents;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferResponse;
import io.grpc.ManagedChannel;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every transport serves exactly scikit-learn's labels, and its probabilities to 1e-5, for all 150 iris rows. */
@QuarkusTest
@QuarkusTestResource(TestRepository.class)
class IrisReferenceTest {
    private static final double TOLERANCE = 1e-5;

    private static void assertProbabilities(IrisReference ref, float[] flat) {
        assertEquals(ref.probabilities().length * 3, flat.length);
        for (int i = 0; i < ref.probabilities().length; i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(ref.probabilities()[i][k], flat[i * 3 + k], TOLERANCE, "row " + i + " class " + k);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-logreg", "iris-forest"})
    void v2JsonMatchesScikitLearn(String model) {
        IrisReference ref = IrisReference.of(model);
        JsonPath json = given().body(ref.v2Body()).post("/v2/models/" + model + "/infer")
                .then().statusCode(200).extract().jsonPath();
        List<Long> labels = json.getList("outputs.find { it.name == 'label' }.data", Long.class);
        assertArrayEquals(ref.labels(), labels.stream().mapToLong(Long::longValue).toArray());
        List<Float> p = json.getList("outputs.find { it.name == 'probabilities' }.data", Float.class);
        float[] flat = new float[p.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = p.get(i);
        }
        assertProbabilities(ref, flat);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-logreg", "iris-forest"})
    void v1MatchesScikitLearnLabels(String model) {
        IrisReference ref = IrisReference.of(model);
        List<Long> predictions = given().body(ref.v1Body()).post("/v1/models/" + model + ":predict")
                .then().statusCode(200).extract().jsonPath().getList("predictions", Long.class);
        assertArrayEquals(ref.labels(), predictions.stream().mapToLong(Long::longValue).toArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-logreg", "iris-forest"})
    void v2BinaryMatchesScikitLearn(String model) {
        IrisReference ref = IrisReference.of(model);
        float[] x = ref.flatInputs();
        String header = "{\"inputs\":[{\"name\":\"float_input\",\"shape\":[150,4],\"datatype\":\"FP32\","
                + "\"parameters\":{\"binary_data_size\":" + x.length * 4 + "}}],"
                + "\"parameters\":{\"binary_data_output\":true}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(h.length + x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        body.put(h);
        for (float f : x) {
            body.putFloat(f);
        }
        Response r = given().header("Inference-Header-Content-Length", h.length).contentType("application/octet-stream")
                .body(body.array()).post("/v2/models/" + model + "/infer");
        assertEquals(200, r.statusCode());
        int jsonLength = Integer.parseInt(r.header("Inference-Header-Content-Length"));
        ByteBuffer out = ByteBuffer.wrap(r.asByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        out.position(jsonLength);
        long[] labels = new long[150];
        for (int i = 0; i < 150; i++) {
            labels[i] = out.getLong();
        }
        float[] p = new float[450];
        for (int i = 0; i < 450; i++) {
            p[i] = out.getFloat();
        }
        assertArrayEquals(ref.labels(), labels);
        assertProbabilities(ref, p);
        assertEquals(0, out.remaining());
    }

    private static ModelInferRequest.InferInputTensor.Builder input() {
        return ModelInferRequest.InferInputTensor.newBuilder().setName("float_input").setDatatype("FP32")
                .addShape(150).addShape(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-logreg", "iris-forest"})
    void grpcTypedContentsMatchScikitLearn(String model) {
        IrisReference ref = IrisReference.of(model);
        InferTensorContents.Builder c = InferTensorContents.newBuilder();
        for (float f : ref.flatInputs()) {
            c.addFp32Contents(f);
        }
        ManagedChannel ch = GrpcClients.channel();
        try {
            ModelInferResponse r = GrpcClients.stub(ch).modelInfer(ModelInferRequest.newBuilder().setModelName(model)
                    .addInputs(input().setContents(c)).build());
            assertEquals(0, r.getRawOutputContentsCount());
            assertArrayEquals(ref.labels(), r.getOutputs(0).getContents().getInt64ContentsList().stream()
                    .mapToLong(Long::longValue).toArray());
            List<Float> p = r.getOutputs(1).getContents().getFp32ContentsList();
            float[] flat = new float[p.size()];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = p.get(i);
            }
            assertProbabilities(ref, flat);
        } finally {
            ch.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris-logreg", "iris-forest"})
    void grpcRawContentsAnswerRawAndMatchScikitLearn(String model) {
        IrisReference ref = IrisReference.of(model);
        ByteBuffer raw = ByteBuffer.allocate(600 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : ref.flatInputs()) {
            raw.putFloat(f);
        }
        ManagedChannel ch = GrpcClients.channel();
        try {
            ModelInferResponse r = GrpcClients.stub(ch).modelInfer(ModelInferRequest.newBuilder().setModelName(model)
                    .addInputs(input()).addRawInputContents(ByteString.copyFrom(raw.array())).build());
            assertEquals(2, r.getRawOutputContentsCount());
            ByteBuffer labels = r.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer probs = r.getRawOutputContents(1).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long[] l = new long[150];
            for (int i = 0; i < 150; i++) {
                l[i] = labels.getLong();
            }
            float[] p = new float[450];
            for (int i = 0; i < 450; i++) {
                p[i] = probs.getFloat();
            }
            assertArrayEquals(ref.labels(), l);
            assertProbabilities(ref, p);
        } finally {
            ch.shutdownNow();
        }
    }
}
