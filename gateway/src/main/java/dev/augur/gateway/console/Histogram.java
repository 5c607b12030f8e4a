package dev.augur.gateway.console;

/**
 * Quantiles of the requests that arrived between two samples, from the difference of two cumulative histograms
 * (what Micrometer keeps for Prometheus: per bucket, the count of values at or below its bound since start). The
 * same interpolation as Prometheus' {@code histogram_quantile}: linear inside the bucket the rank falls in.
 */
final class Histogram {
    private Histogram() {
    }

    /**
     * @param bounds     upper bounds of the buckets, ascending (milliseconds)
     * @param cumulative per bucket, how many of the interval's values were at or below its bound
     * @param total      how many values the interval had (may exceed the last bucket: those are above every bound)
     * @param q          the quantile, 0..1
     * @return the estimate in the bounds' unit, NaN without values; the last bound when the rank is above it
     */
    static double quantile(double[] bounds, double[] cumulative, double total, double q) {
        if (total <= 0 || bounds.length == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] >= rank) {
                double inBucket = cumulative[i] - lowerCount;
                if (inBucket <= 0) {
                    return bounds[i];
                }
                return lowerBound + (bounds[i] - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bounds[i];
            lowerCount = cumulative[i];
        }
        return bounds[bounds.length - 1];
    }
}
