package dev.augur.explainer.e2e;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.proto.inference.GRPCInferenceServiceGrpc;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.InferenceResponse;
import dev.augur.protocol.core.Tensor;
import dev.augur.protocol.explain.ExplainJsonCodec;
import dev.augur.protocol.grpc.GrpcCodec;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The iris data, the predictor asked directly (for expectations independent of the explainer), and REST calls. */
final class Iris {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final double[] SETOSA = {5.0, 3.6, 1.4, 0.2};
    static final double[] VERSICOLOR = {6.0, 2.9, 4.5, 1.5};
    static final double[] VIRGINICA = {7.7, 3.0, 6.1, 2.3};

    private Iris() {
    }

    static double[][] rows(String model) {
        try {
            return ExplainJsonCodec.decodeRows(Files.readAllBytes(PredictorProcess.MODELS.resolve(model
                    + "/reference.json")), model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Output rows of the model for these inputs, straight from the predictor over V2 gRPC. */
    static double[][] predict(String model, String output, double[][] rows) {
        ManagedChannel ch = ManagedChannelBuilder.forAddress("localhost", PredictorProcess.port()).usePlaintext()
                .build();
        try {
            int m = rows[0].length;
            float[] v = new float[rows.length * m];
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < m; c++) {
                    v[r * m + c] = (float) rows[r][c];
                }
            }
            InferenceRequest req = new InferenceRequest("t", model, null, null, List.of(Tensor.ofFloats("float_input",
                    new long[] {rows.length, m}, v)), List.of(new InferenceRequest.RequestedOutput(output, null)),
                    false);
            InferenceResponse resp = GrpcCodec.decodeResponse(GRPCInferenceServiceGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(GrpcCodec.encodeRequest(req)));
            Tensor t = resp.output(output);
            int k = t.size() / rows.length;
            double[][] out = new double[rows.length][k];
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < k; c++) {
                    out[r][c] = t.getDouble(r * k + c);
                }
            }
            return out;
        } finally {
            ch.shutdownNow();
        }
    }

    static String v1Body(double[] x, String params) {
        return "{\"instances\": [" + Arrays.toString(x) + "], \"parameters\": {" + params + "}}";
    }

    /** {@code explanations} of a V1 :explain answered 200. */
    static JsonNode explain(String model, double[] x, String params) {
        String body = given().contentType("application/json").body(v1Body(x, params))
                .post("/v1/models/" + model + ":explain").then().statusCode(200).extract().asString();
        try {
            return MAPPER.readTree(body).get("explanations");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }
}
