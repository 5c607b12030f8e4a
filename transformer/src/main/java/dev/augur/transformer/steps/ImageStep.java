package dev.augur.transformer.steps;

import dev.augur.protocol.core.DataType;
import dev.augur.protocol.core.InferenceException;
import dev.augur.protocol.core.Tensor;
import dev.augur.transformer.spi.StepContext;
import dev.augur.transformer.spi.StepParameters;
import dev.augur.transformer.spi.Tensors;
import dev.augur.transformer.spi.TransformStep;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Images (a BYTES tensor {@code [rows]}: the encoded PNG/JPEG bytes, as V1 {@code {"b64": ...}} values and V2 binary
 * data arrive, or base64 text, as KServe's V2 image examples send) to one FP32 tensor for the model: decoded with
 * {@code javax.imageio}, converted to RGB, resized with Pillow's bilinear filter ({@link PilResize}), center-cropped
 * (torchvision's rounding), scaled by {@code 1/scale}, normalised by {@code (x - mean) / std} per channel and laid out
 * NCHW or NHWC.
 *
 * <pre>
 * - image:
 *     input: image          # default
 *     output: input         # the model's input name
 *     resize: 256           # shorter side (torchvision's Resize(256)), or [height, width]
 *     crop: 224             # center crop, or [height, width]; optional
 *     mean: [0.485, 0.456, 0.406]
 *     std: [0.229, 0.224, 0.225]
 *     scale: 255            # pixels are divided by this first
 *     layout: NCHW          # or NHWC
 * </pre>
 */
record ImageStep(String input, String output, int[] resize, int[] crop, float[] mean, float[] std, float scale,
        boolean nchw) implements TransformStep {

    /** Decoded RGB pixels, interleaved. */
    record Rgb(byte[] pixels, int width, int height) {
    }

    @Override
    public List<Tensor> apply(List<Tensor> tensors, StepContext context) {
        Tensor t = Tensors.require(tensors, input);
        if (t.datatype() != DataType.BYTES) {
            throw InferenceException.invalid("input '" + input + "' must be BYTES (encoded images), got "
                    + t.datatype());
        }
        byte[][] images = t.elements();
        float[] out = null;
        int oh = 0;
        int ow = 0;
        for (int i = 0; i < images.length; i++) {
            String where = "input '" + input + "' element " + i;
            Rgb img = process(decode(images[i], where), where);
            if (out == null) {
                oh = img.height();
                ow = img.width();
                out = new float[images.length * 3 * oh * ow];
            } else if (img.height() != oh || img.width() != ow) {
                throw InferenceException.invalid(where + ": is " + img.width() + "x" + img.height() + " after "
                        + "resizing, element 0 is " + ow + "x" + oh + "; set 'crop' or a fixed 'resize' [h, w]");
            }
            normalise(img, out, i * 3 * oh * ow);
        }
        long[] shape = nchw ? new long[] {images.length, 3, oh, ow} : new long[] {images.length, oh, ow, 3};
        // The encoded images are consumed: they are not something to send to the model.
        return Tensors.replace(Steps.without(tensors, input), input, Tensor.ofFloats(output, shape, out == null ? new float[0] : out));
    }

    /** Resize then center crop. */
    Rgb process(Rgb img, String where) {
        int w = img.width();
        int h = img.height();
        byte[] px = img.pixels();
        if (resize != null) {
            int nh;
            int nw;
            if (resize.length == 1) {
                int s = resize[0];
                if (w <= h) {
                    nw = s;
                    nh = (int) ((long) s * h / w);
                } else {
                    nh = s;
                    nw = (int) ((long) s * w / h);
                }
            } else {
                nh = resize[0];
                nw = resize[1];
            }
            px = PilResize.resize(px, w, h, 3, nw, nh);
            w = nw;
            h = nh;
        }
        if (crop != null) {
            int ch = crop[0];
            int cw = crop[crop.length - 1];
            if (ch > h || cw > w) {
                throw InferenceException.invalid(where + ": the image is " + w + "x" + h + ", smaller than the "
                        + "crop " + cw + "x" + ch);
            }
            int top = (int) Math.rint((h - ch) / 2.0);
            int left = (int) Math.rint((w - cw) / 2.0);
            byte[] c = new byte[cw * ch * 3];
            for (int y = 0; y < ch; y++) {
                System.arraycopy(px, ((top + y) * w + left) * 3, c, y * cw * 3, cw * 3);
            }
            px = c;
            w = cw;
            h = ch;
        }
        return new Rgb(px, w, h);
    }

    private void normalise(Rgb img, float[] out, int offset) {
        int hw = img.width() * img.height();
        byte[] px = img.pixels();
        for (int p = 0; p < hw; p++) {
            for (int c = 0; c < 3; c++) {
                float v = ((px[p * 3 + c] & 0xff) / scale - mean[c]) / std[c];
                out[offset + (nchw ? c * hw + p : p * 3 + c)] = v;
            }
        }
    }

    /** Raw PNG/JPEG bytes, or base64 text of them. */
    static Rgb decode(byte[] data, String where) {
        byte[] bytes = data;
        if (!looksEncoded(data)) {
            try {
                String text = new String(data, java.nio.charset.StandardCharsets.US_ASCII).replaceAll("\\s+", "");
                int comma = text.startsWith("data:") ? text.indexOf(',') : -1;
                bytes = Base64.getDecoder().decode(comma >= 0 ? text.substring(comma + 1) : text);
            } catch (IllegalArgumentException e) {
                throw InferenceException.invalid(where + ": neither image bytes nor valid base64 ("
                        + e.getMessage() + ")");
            }
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw InferenceException.invalid(where + ": not a readable image (" + e.getMessage() + ")");
        }
        if (img == null) {
            throw InferenceException.invalid(where + ": not an image (expected PNG or JPEG)");
        }
        return rgb(img);
    }

    private static boolean looksEncoded(byte[] d) {
        boolean png = d.length > 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G';
        boolean jpeg = d.length > 3 && (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xd8 && (d[2] & 0xff) == 0xff;
        return png || jpeg;
    }

    /**
     * RGB bytes as Pillow's {@code convert("RGB")} gives them: 8-bit component images are read from the raster as
     * they are (gray replicated, alpha dropped), everything else (palettes, 16-bit) through {@code getRGB}.
     */
    static Rgb rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h * 3];
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        if (img.getColorModel() instanceof ComponentColorModel && r.getTransferType() == DataBuffer.TYPE_BYTE) {
            int[] px = new int[bands];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    r.getPixel(x, y, px);
                    int o = (y * w + x) * 3;
                    if (bands >= 3) {
                        out[o] = (byte) px[0];
                        out[o + 1] = (byte) px[1];
                        out[o + 2] = (byte) px[2];
                    } else {
                        out[o] = out[o + 1] = out[o + 2] = (byte) px[0];
                    }
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = img.getRGB(x, y);
                    int o = (y * w + x) * 3;
                    out[o] = (byte) (argb >> 16);
                    out[o + 1] = (byte) (argb >> 8);
                    out[o + 2] = (byte) argb;
                }
            }
        }
        return new Rgb(out, w, h);
    }

    static final class Provider extends BuiltInProvider {
        Provider() {
            super("image", "input", "output", "resize", "crop", "mean", "std", "scale", "layout");
        }

        @Override
        public TransformStep create(StepParameters p) {
            String layout = p.choice("layout", "NCHW", "NCHW", "NHWC");
            return new ImageStep(p.string("input", "image"), p.requiredString("output"), size(p, "resize"),
                    size(p, "crop"), three(p, "mean", 0f), three(p, "std", 1f), (float) p.number("scale", 255),
                    layout.equals("NCHW"));
        }

        private static int[] size(StepParameters p, String name) {
            Object v = p.raw(name);
            if (v == null) {
                return null;
            }
            if (v instanceof Number) {
                int s = p.integer(name, 0);
                if (s < 1) {
                    throw p.bad(name, "a positive size", v);
                }
                return new int[] {s};
            }
            double[] d = p.numbers(name);
            if (d.length != 2 || d[0] < 1 || d[1] < 1) {
                throw p.bad(name, "a size or [height, width]", v);
            }
            return new int[] {(int) d[0], (int) d[1]};
        }

        private static float[] three(StepParameters p, String name, float fallback) {
            double[] d = p.numbers(name);
            if (d == null) {
                return new float[] {fallback, fallback, fallback};
            }
            if (d.length != 3) {
                throw p.bad(name, "three values (R, G, B)", p.raw(name));
            }
            return new float[] {(float) d[0], (float) d[1], (float) d[2]};
        }
    }
}
