package dev.augur.gateway.e2e;

import com.google.protobuf.ByteString;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** KServe's two iris sample rows, in each protocol's shape. Both are class 1 (versicolor) for both models. */
final class Iris {
    static final float[][] ROWS = {{6.8f, 2.8f, 4.8f, 1.4f}, {6.0f, 3.4f, 4.5f, 1.6f}};

    static final String V1 = "{\"instances\": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]}";

    static final String V2 = "{\"id\": \"same-id\", \"inputs\": [{\"name\": \"float_input\", \"shape\": [2, 4], "
            + "\"datatype\": \"FP32\", \"data\": [6.8, 2.8, 4.8, 1.4, 6.0, 3.4, 4.5, 1.6]}]}";

    /** V2 asking for every output in binary (the binary tensor extension). */
    static final String V2_BINARY_OUT = "{\"id\": \"same-id\", \"inputs\": [{\"name\": \"float_input\", "
            + "\"shape\": [2, 4], \"datatype\": \"FP32\", \"data\": [6.8, 2.8, 4.8, 1.4, 6.0, 3.4, 4.5, 1.6]}], "
            + "\"parameters\": {\"binary_data_output\": true}}";

    private Iris() {
    }

    static ModelInferRequest grpc(String model) {
        ByteBuffer raw = ByteBuffer.allocate(8 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : ROWS) {
            for (float v : row) {
                raw.putFloat(v);
            }
        }
        raw.flip();
        return ModelInferRequest.newBuilder().setModelName(model).setId("same-id")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("float_input")
                        .setDatatype("FP32").addShape(2).addShape(4))
                .addRawInputContents(ByteString.copyFrom(raw))
                .build();
    }
}
