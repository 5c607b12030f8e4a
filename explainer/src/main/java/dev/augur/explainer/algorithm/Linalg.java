package dev.augur.explainer.algorithm;

/** The little linear algebra the methods need: weighted least squares on a handful of columns. */
final class Linalg {
    private Linalg() {
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting; {@code a} and {@code b} are copied. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = new double[n + 1];
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            if (Math.abs(m[c][c]) < 1e-300) {
                continue; // singular column: its coefficient stays 0
            }
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            if (Math.abs(m[r][r]) < 1e-300) {
                continue;
            }
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    /** {@code argmin sum w (y - X b)^2 + alpha |b|^2} without intercept, by the normal equations. */
    static double[] weightedRidge(double[][] x, double[] y, double[] w, double alpha) {
        int p = x[0].length;
        double[][] xtwx = new double[p][p];
        double[] xtwy = new double[p];
        for (int r = 0; r < y.length; r++) {
            for (int i = 0; i < p; i++) {
                double wi = w[r] * x[r][i];
                xtwy[i] += wi * y[r];
                for (int j = 0; j < p; j++) {
                    xtwx[i][j] += wi * x[r][j];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            xtwx[i][i] += alpha;
        }
        return solve(xtwx, xtwy);
    }
}
