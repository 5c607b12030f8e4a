package dev.augur.protocol.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ModelInferWireTest {
    private static final ModelInferRequest REQUEST = ModelInferRequest.newBuilder().setModelName("iris")
            .setModelVersion("2").setId("r-1")
            .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("float_input").setDatatype("FP32")
                    .addShape(1).addShape(4))
            .addRawInputContents(ByteString.copyFrom(new byte[16]))
            .build();

    private static ByteBuffer bytes(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.flip();
    }

    @Test
    void readsTheModelName() {
        assertEquals("iris", ModelInferWire.modelName(bytes(REQUEST.toByteArray())));
    }

    /** Field order is the writer's choice: tensors first, the name last. */
    @Test
    void readsTheModelNameAfterTheTensors() {
        byte[] withoutName = REQUEST.toBuilder().clearModelName().build().toByteArray();
        byte[] name = ModelInferRequest.newBuilder().setModelName("late").build().toByteArray();
        assertEquals("late", ModelInferWire.modelName(bytes(withoutName, name)));
    }

    @Test
    void aMessageWithoutNameHasTheEmptyName() {
        assertEquals("", ModelInferWire.modelName(bytes(REQUEST.toBuilder().clearModelName().build()
                .toByteArray())));
    }

    @Test
    void renamedMessageParsesWithTheNewNameAndTheSameTensors() throws Exception {
        ByteBuffer renamed = bytes(REQUEST.toByteArray(), ModelInferWire.modelNameField("iris-v2"));
        assertEquals(REQUEST.toBuilder().setModelName("iris-v2").build(), ModelInferRequest.parseFrom(
                renamed.duplicate()));
        assertEquals("iris-v2", ModelInferWire.modelName(renamed));
    }

    @Test
    void truncatedMessageIsInvalidArgument() {
        byte[] whole = REQUEST.toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);
        InferenceException e = assertThrows(InferenceException.class, () -> ModelInferWire.modelName(bytes(cut)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
