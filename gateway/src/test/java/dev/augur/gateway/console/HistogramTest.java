package dev.augur.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Quantiles from bucket counts, checked against values worked out by hand (Prometheus' interpolation). */
class HistogramTest {
    private static final double[] BOUNDS = {1, 2, 4, 8};

    @Test
    void theMedianIsInterpolatedInsideItsBucket() {
        // 10 values, all in (1, 2]: rank 5 lies half-way through that bucket.
        assertEquals(1.5, Histogram.quantile(BOUNDS, new double[] {0, 10, 10, 10}, 10, 0.5), 1e-9);
    }

    @Test
    void theNinetyNinthPercentileFallsInTheUpperBucket() {
        // 4 values <= 1, 4 more <= 2, 2 more <= 8: rank 9.9 is 1.9 of the 2 values in (4, 8].
        assertEquals(4 + 4 * 1.9 / 2, Histogram.quantile(BOUNDS, new double[] {4, 8, 8, 10}, 10, 0.99), 1e-9);
    }

    @Test
    void aRankAboveEveryBoundIsTheLastBound() {
        assertEquals(8, Histogram.quantile(BOUNDS, new double[] {0, 0, 0, 10}, 20, 0.99), 1e-9);
    }

    @Test
    void noValuesIsNaN() {
        assertTrue(Double.isNaN(Histogram.quantile(BOUNDS, new double[] {0, 0, 0, 0}, 0, 0.5)));
    }

    @Test
    void twoHundredsAndOkAreSuccessesOtherCodesErrors() {
        assertTrue(MetricsHistory.success("200"));
        assertTrue(MetricsHistory.success("OK"));
        assertFalse(MetricsHistory.success("404"));
        assertFalse(MetricsHistory.success("UNAVAILABLE"));
    }
}
