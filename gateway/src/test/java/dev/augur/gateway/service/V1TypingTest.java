package dev.augur.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.InferenceRequest;
import dev.augur.protocol.core.ModelMetadata;
import dev.augur.protocol.core.TensorSpec;
import dev.augur.protocol.v1.V1JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class V1TypingTest {
    private static final ModelMetadata IRIS = new ModelMetadata("iris", List.of("1"), "onnx",
            List.of(new TensorSpec("float_input", DataType.FP32, new long[] {-1, 4})), List.of());

    private static InferenceRequest v1(String json) {
        return V1JsonCodec.decodeRequest("iris", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unnamedInputTakesTheModelsInputNameAndType() {
        InferenceRequest typed = V1Typing.apply(v1("{\"instances\": [[6.8, 2.8, 4.8, 1.4]]}"), IRIS);
        assertEquals("float_input", typed.inputs().get(0).name());
        assertEquals(DataType.FP32, typed.inputs().get(0).datatype());
        assertEquals(6.8f, typed.inputs().get(0).getFloat(0));
    }

    @Test
    void unnamedInputForAModelWithSeveralInputsIsTheClientsError() {
        ModelMetadata two = new ModelMetadata("m", List.of("1"), "onnx", List.of(
                new TensorSpec("a", DataType.FP32, new long[] {-1}), new TensorSpec("b", DataType.FP32,
                        new long[] {-1})), List.of());
        InferenceException e = assertThrows(InferenceException.class,
                () -> V1Typing.apply(v1("{\"instances\": [[1, 2]]}"), two));
        assertEquals("model 'm' takes 2 inputs [a, b]; send named features or use the V2 protocol", e.getMessage());
    }
}
