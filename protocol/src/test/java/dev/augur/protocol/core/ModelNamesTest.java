package dev.augur.protocol.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelNamesTest {
    private static String refusal(String name) {
        InferenceException e = assertThrows(InferenceException.class, () -> ModelNames.check(name));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        return e.getMessage();
    }

    @Test
    void nulIsRefusedWithItsPosition() {
        assertEquals("model name 'a\\u0000b' holds a control character (U+0000) at position 1", refusal("a\0b"));
    }

    @Test
    void newlineIsRefused() {
        assertEquals("model name 'iris\\u000a' holds a control character (U+000A) at position 4", refusal("iris\n"));
    }

    @Test
    void slashIsRefused() {
        assertEquals("model name '../etc' holds '/' at position 2; a model name is one path segment",
                refusal("../etc"));
    }

    @Test
    void overLongNameIsRefused() {
        assertEquals("the model name is 300 characters long, more than 256", refusal("m".repeat(300)));
    }

    @Test
    void emptyNameIsRefused() {
        assertEquals("the model name is missing", refusal(""));
    }

    @Test
    void usualNamesPass() {
        assertEquals("iris-logreg_v2.onnx:1", ModelNames.check("iris-logreg_v2.onnx:1"));
    }
}
