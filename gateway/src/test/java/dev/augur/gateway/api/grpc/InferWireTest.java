package dev.augur.gateway.api.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.augur.proto.inference.GrpcPredictV2.ModelInferRequest;
import dev.augur.protocol.ErrorCode;
import dev.augur.protocol.InferenceException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class InferWireTest {
    private static final ModelInferRequest REQUEST = ModelInferRequest.newBuilder().setModelName("iris")
            .setModelVersion("2").setId("r-1")
            .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("float_input").setDatatype("FP32")
                    .addShape(1).addShape(4))
            .addRawInputContents(ByteString.copyFrom(new byte[16]))
            .build();

    @Test
    void readsTheModelName() {
        assertEquals("iris", InferWire.modelName(Buffer.buffer(REQUEST.toByteArray())));
    }

    /** Field order is the writer's choice: tensors first, the name last. */
    @Test
    void readsTheModelNameAfterTheTensors() {
        byte[] withoutName = REQUEST.toBuilder().clearModelName().build().toByteArray();
        byte[] name = ModelInferRequest.newBuilder().setModelName("late").build().toByteArray();
        Buffer message = Buffer.buffer(withoutName).appendBytes(name);
        assertEquals("late", InferWire.modelName(message));
    }

    @Test
    void aMessageWithoutNameHasTheEmptyName() {
        assertEquals("", InferWire.modelName(Buffer.buffer(REQUEST.toBuilder().clearModelName().build()
                .toByteArray())));
    }

    @Test
    void renamedMessageParsesWithTheNewNameAndTheSameTensors() throws Exception {
        Buffer renamed = InferWire.withModelName(Buffer.buffer(REQUEST.toByteArray()), "iris-v2");
        ModelInferRequest parsed = ModelInferRequest.parseFrom(renamed.getBytes());
        assertEquals(REQUEST.toBuilder().setModelName("iris-v2").build(), parsed);
        assertEquals("iris-v2", InferWire.modelName(renamed));
    }

    @Test
    void truncatedMessageIsInvalidArgument() {
        byte[] whole = REQUEST.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        InferenceException e = assertThrows(InferenceException.class, () -> InferWire.modelName(Buffer.buffer(cut)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
