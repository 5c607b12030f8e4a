package dev.augur.transformer.steps;

/**
 * Pillow's bilinear resize ({@code Image.resize(size, Image.BILINEAR)}) reproduced step by step from its
 * {@code libImaging/Resample.c}: a separable convolution with the triangle filter whose support grows with the
 * downscale factor (antialiasing), coefficients normalised per output pixel and turned into 22-bit fixed point, a
 * horizontal pass then a vertical pass, each rounded and clipped to 8 bits. Same input, same bytes as Pillow.
 */
public final class PilResize {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PilResize() {
    }

    /** Resizes interleaved 8-bit pixels ({@code channels} per pixel) from {@code w x h} to {@code ow x oh}. */
    public static byte[] resize(byte[] in, int w, int h, int channels, int ow, int oh) {
        if (ow == w && oh == h) {
            return in.clone();
        }
        byte[] cur = in;
        int cw = w;
        if (ow != w) {
            cur = horizontal(cur, w, h, channels, ow);
            cw = ow;
        }
        if (oh != h) {
            cur = vertical(cur, cw, h, channels, oh);
        }
        return cur;
    }

    /** Bounds (first index, count) and fixed-point weights for each output position, as precompute_coeffs. */
    private static final class Coeffs {
        final int ksize;
        final int[] bounds;
        final int[] kk;

        Coeffs(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterscale = Math.max(scale, 1.0);
            double support = 1.0 * filterscale;
            ksize = (int) Math.ceil(support) * 2 + 1;
            bounds = new int[outSize * 2];
            kk = new int[outSize * ksize];
            double[] k = new double[ksize];
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                double ww = 0.0;
                double ss = 1.0 / filterscale;
                int xmin = (int) (center - support + 0.5);
                if (xmin < 0) {
                    xmin = 0;
                }
                int xmax = (int) (center + support + 0.5);
                if (xmax > inSize) {
                    xmax = inSize;
                }
                xmax -= xmin;
                java.util.Arrays.fill(k, 0);
                for (int x = 0; x < xmax; x++) {
                    double w = bilinear((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }
                for (int x = 0; x < xmax; x++) {
                    if (ww != 0.0) {
                        k[x] /= ww;
                    }
                }
                for (int x = 0; x < ksize; x++) {
                    kk[xx * ksize + x] = k[x] < 0 ? (int) (-0.5 + k[x] * (1 << PRECISION_BITS))
                            : (int) (0.5 + k[x] * (1 << PRECISION_BITS));
                }
                bounds[xx * 2] = xmin;
                bounds[xx * 2 + 1] = xmax;
            }
        }
    }

    private static double bilinear(double x) {
        if (x < 0.0) {
            x = -x;
        }
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static byte clip8(int ss) {
        int v = ss >> PRECISION_BITS;
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    private static byte[] horizontal(byte[] in, int w, int h, int ch, int ow) {
        Coeffs c = new Coeffs(w, ow);
        byte[] out = new byte[ow * h * ch];
        for (int y = 0; y < h; y++) {
            int row = y * w * ch;
            for (int xx = 0; xx < ow; xx++) {
                int xmin = c.bounds[xx * 2];
                int xmax = c.bounds[xx * 2 + 1];
                int kb = xx * c.ksize;
                for (int b = 0; b < ch; b++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int x = 0; x < xmax; x++) {
                        ss += (in[row + (x + xmin) * ch + b] & 0xff) * c.kk[kb + x];
                    }
                    out[(y * ow + xx) * ch + b] = clip8(ss);
                }
            }
        }
        return out;
    }

    private static byte[] vertical(byte[] in, int w, int h, int ch, int oh) {
        Coeffs c = new Coeffs(h, oh);
        byte[] out = new byte[w * oh * ch];
        for (int yy = 0; yy < oh; yy++) {
            int ymin = c.bounds[yy * 2];
            int ymax = c.bounds[yy * 2 + 1];
            int kb = yy * c.ksize;
            for (int x = 0; x < w; x++) {
                for (int b = 0; b < ch; b++) {
                    int ss = 1 << (PRECISION_BITS - 1);
                    for (int y = 0; y < ymax; y++) {
                        ss += (in[((y + ymin) * w + x) * ch + b] & 0xff) * c.kk[kb + y];
                    }
                    out[(yy * w + x) * ch + b] = clip8(ss);
                }
            }
        }
        return out;
    }
}
