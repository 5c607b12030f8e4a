package dev.augur.protocol.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.ErrorCode;
import dev.augur.protocol.core.InferenceException;
import org.junit.jupiter.api.Test;

/** V1 carries no datatypes: numbers beyond FP64, and those beyond the model's float type, are refused by element. */
class V1FloatRangeTest {
    private static String message(Runnable r) {
        InferenceException e = assertThrows(InferenceException.class, r::run);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        return e.getMessage();
    }

    @Test
    void numberBeyondFp64IsRefusedNamingTheElement() {
        assertEquals("instances: element 3: the number is out of range for FP64 (beyond 1.8e308)",
                message(() -> V1JsonCodecTest.decode("{\"instances\": [[1, 2], [3, 1e400]]}")));
    }

    @Test
    void nanLiteralIsRefusedNamingTheRow() {
        assertEquals("instances[1]: NaN is not a JSON number",
                message(() -> V1JsonCodecTest.decode("{\"instances\": [[1, 2], [NaN, 1]]}")));
    }

    @Test
    void numberBeyondFp32IsRefusedWhenCastForTheModel() {
        // The predictor casts V1 rows to the model's input type (InputValidator), after naming the tensor.
        var t = V1JsonCodecTest.decode("{\"instances\": [[1, 1e39]]}").inputs().get(0).withName("float_input");
        assertEquals("input 'float_input' (FP32) element 1: 1.0E39 is out of range for FP32",
                message(() -> t.castTo(DataType.FP32)));
    }

    @Test
    void nullStaysAMissingValue() {
        // TensorFlow Serving's convention the transformer relies on: null is NaN, not an error.
        var t = V1JsonCodecTest.decode("{\"instances\": [[null, 1]]}").inputs().get(0).castTo(DataType.FP32);
        assertEquals(Float.NaN, t.getFloat(0));
    }
}
