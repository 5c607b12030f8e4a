package dev.augur.transformer.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.TransformStep;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The image step against reference arrays made by Pillow and numpy ({@code images/make_reference.py}): PNGs must
 * match exactly (same decoded bytes, same resize bytes, same float32 arithmetic); JPEG decoders differ (the JDK's
 * libjpeg 6b vs Pillow's libjpeg-turbo), so the JPEG bound is the measured one.
 */
class ImageStepReferenceTest {
    static final Path DIR = Path.of("src", "test", "resources", "images");
    static final TransformStep STEP = new ImageStep.Provider().create(new StepParameters("image", Map.of(
            "output", "input", "resize", 32L, "crop", 28L, "mean", List.of(0.485, 0.456, 0.406),
            "std", List.of(0.229, 0.224, 0.225)), null));

    static Tensor run(byte[]... images) {
        List<Tensor> out = STEP.apply(List.of(Tensor.ofBytes("image", new long[] {images.length}, images, null)),
                new StepContext("m", Map.of(), List.of()));
        return out.get(0);
    }

    static float[] floats(Tensor t) {
        float[] f = new float[t.size()];
        t.data().asFloatBuffer().get(f);
        return f;
    }

    static float[] reference(String base) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(DIR.resolve(base + ".f32"))).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static byte[] bytes(String name) throws IOException {
        return Files.readAllBytes(DIR.resolve(name));
    }

    @Test
    void pngTensorEqualsPillowAndNumpy() throws IOException {
        Tensor t = run(bytes("gradient.png"));
        assertArrayEquals(new long[] {1, 3, 28, 28}, t.shape());
        double diff = maxAbsDiff(reference("gradient"), floats(t));
        System.out.println("image gradient.png: max abs diff vs Pillow/numpy = " + diff);
        assertEquals(0.0, diff);
    }

    @Test
    void grayscalePngEqualsPillowAndNumpy() throws IOException {
        double diff = maxAbsDiff(reference("checker"), floats(run(bytes("checker.png"))));
        System.out.println("image checker.png: max abs diff vs Pillow/numpy = " + diff);
        assertEquals(0.0, diff);
    }

    @Test
    void downscaleBytesEqualPillowsBilinear() throws IOException {
        ImageStep.Rgb img = ImageStep.decode(bytes("gradient.png"), "gradient");
        assertArrayEquals(bytes("gradient.resized.u8"), PilResize.resize(img.pixels(), 97, 61, 3, 50, 32));
    }

    @Test
    void upscaleBytesEqualPillowsBilinear() throws IOException {
        ImageStep.Rgb img = ImageStep.decode(bytes("gradient.png"), "gradient");
        assertArrayEquals(bytes("gradient.up.u8"), PilResize.resize(img.pixels(), 97, 61, 3, 131, 83));
    }

    @Test
    void jpegIsCloseToPillowAndNumpy() throws IOException {
        double diff = maxAbsDiff(reference("photo"), floats(run(bytes("photo.jpg"))));
        System.out.println("image photo.jpg: max abs diff vs Pillow/numpy = " + diff + " (about " + diff * 0.229 * 255
                + " gray levels)");
        assertTrue(diff <= 0.05, "JPEG max abs diff " + diff);
    }

    @Test
    void base64TextIsDecodedLikeBytes() throws IOException {
        byte[] b64 = Base64.getEncoder().encode(bytes("gradient.png"));
        assertEquals(0.0, maxAbsDiff(reference("gradient"), floats(run(b64))));
    }

    @Test
    void batchOfTwoIsStackedNchw() throws IOException {
        Tensor t = run(bytes("gradient.png"), bytes("checker.png"));
        assertArrayEquals(new long[] {2, 3, 28, 28}, t.shape());
        float[] f = floats(t);
        assertArrayEquals(reference("checker"), java.util.Arrays.copyOfRange(f, 3 * 28 * 28, f.length));
    }

    @Test
    void badBase64Is400NamingTheInput() {
        InferenceException e = assertThrows(InferenceException.class,
                () -> run("not base64!".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().startsWith("input 'image' element 0: neither image bytes nor valid base64"),
                e.getMessage());
    }

    @Test
    void notAnImageIs400NamingTheInput() {
        byte[] b64 = Base64.getEncoder().encode("just some text".getBytes(StandardCharsets.US_ASCII));
        InferenceException e = assertThrows(InferenceException.class, () -> run(b64));
        assertEquals("input 'image' element 0: not an image (expected PNG or JPEG)", e.getMessage());
    }
}
