package dev.augur.protocol.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Bit patterns from the IEEE 754 binary16 and bfloat16 definitions (as numpy.float16 produces them). */
class HalfTest {
    @Test
    void fp16KnownPatterns() {
        assertEquals((short) 0x3C00, Half.floatToFp16(1.0f));
        assertEquals((short) 0xC000, Half.floatToFp16(-2.0f));
        assertEquals((short) 0x7BFF, Half.floatToFp16(65504f));
        assertEquals((short) 0x7C00, Half.floatToFp16(1e6f));
        assertEquals((short) 0x2E66, Half.floatToFp16(0.1f));
        assertEquals((short) 0x0001, Half.floatToFp16(5.9604645e-8f));
    }

    @Test
    void fp16Decodes() {
        assertEquals(1.0f, Half.fp16ToFloat((short) 0x3C00));
        assertEquals(65504f, Half.fp16ToFloat((short) 0x7BFF));
        assertEquals(5.9604645e-8f, Half.fp16ToFloat((short) 0x0001));
        assertEquals(0.099975586f, Half.fp16ToFloat((short) 0x2E66));
    }

    @Test
    void bf16KnownPatterns() {
        assertEquals((short) 0x3F80, Half.floatToBf16(1.0f));
        assertEquals((short) 0x3DCD, Half.floatToBf16(0.1f));
        assertEquals(0.10009765625f, Half.bf16ToFloat((short) 0x3DCD));
    }
}
