package dev.augur.protocol.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.augur.protocol.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Float elements that do not fit their datatype are refused naming the input and the element, as integers are:
 * silently becoming infinity would let a model answer a confident label for a number it never saw. The bounds are
 * IEEE 754's: FP32 max 3.4028235e38, FP16 max 65504, BF16 max about 3.39e38, FP64 max about 1.8e308.
 */
class FloatRangeTest {
    private static String input(String type, String data) {
        return "{\"inputs\":[{\"name\":\"x\",\"shape\":[2],\"datatype\":\"" + type + "\",\"data\":" + data + "}]}";
    }

    @Test
    void fp32BeyondFloatMaxIsRefused() {
        assertEquals("input 'x' (FP32) element 1: 1e39 is out of range for FP32",
                V2JsonCodecTest.message(input("FP32", "[1.5,1e39]")));
    }

    @Test
    void fp32BelowMinusFloatMaxIsRefused() {
        assertEquals("input 'x' (FP32) element 0: -1e39 is out of range for FP32",
                V2JsonCodecTest.message(input("FP32", "[-1e39,1]")));
    }

    @Test
    void fp64BeyondDoubleMaxIsRefused() {
        assertEquals("input 'x' (FP64) element 1: 1e400 is out of range for FP64",
                V2JsonCodecTest.message(input("FP64", "[0,1e400]")));
    }

    @Test
    void fp16BeyondItsMaxIsRefused() {
        assertEquals("input 'x' (FP16) element 0: 70000 is out of range for FP16",
                V2JsonCodecTest.message(input("FP16", "[70000,1]")));
    }

    @Test
    void bf16BeyondItsMaxIsRefused() {
        assertEquals("input 'x' (BF16) element 1: 1e39 is out of range for BF16",
                V2JsonCodecTest.message(input("BF16", "[1,1e39]")));
    }

    @Test
    void nanLiteralIsRefusedNamingTheElement() {
        assertEquals("input 'x' (FP32) element 1: NaN is not a JSON number",
                V2JsonCodecTest.message(input("FP32", "[1,NaN]")));
    }

    @Test
    void infinityLiteralIsRefusedNamingTheElement() {
        assertEquals("input 'x' (FP64) element 0: -Infinity is not a JSON number",
                V2JsonCodecTest.message(input("FP64", "[-Infinity,1]")));
    }

    @Test
    void largestFiniteFp32IsKept() {
        Tensor t = V2JsonCodecTest.decode(input("FP32", "[3.4028235e38,-3.4028235e38]")).inputs().get(0);
        assertEquals(Float.MAX_VALUE, t.getFloat(0));
        assertEquals(-Float.MAX_VALUE, t.getFloat(1));
    }

    @Test
    void largestFp16IsKept() {
        Tensor t = V2JsonCodecTest.decode(input("FP16", "[65504,-65504]")).inputs().get(0);
        assertEquals(65504f, t.getFloat(0));
    }

    @Test
    void underflowToZeroIsNotAnError() {
        // 1e-50 is below FP32's smallest subnormal: it rounds to 0 like any other rounding, it does not overflow.
        Tensor t = V2JsonCodecTest.decode(input("FP32", "[1e-50,1]")).inputs().get(0);
        assertEquals(0f, t.getFloat(0));
    }
}
