package dev.augur.supervisor;

import java.time.Duration;

/**
 * Restart delays of one revision: short after a single failure (a killed process is back in about a JVM start),
 * doubling only while failures repeat, as Kubernetes' crash-loop back-off does. A process that stayed ready for
 * {@code reset} before failing starts the count again: one crash a day never waits long.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Duration reset;
    private int failures;

    Backoff(Duration initial, Duration max, Duration reset) {
        this.initial = initial;
        this.max = max;
        this.reset = reset;
    }

    /**
     * Counts a failure and returns the wait before the next start.
     *
     * @param readyFor how long the failed process had been ready, or null if it never became ready
     */
    Duration failed(Duration readyFor) {
        if (readyFor != null && readyFor.compareTo(reset) >= 0) {
            failures = 0;
        }
        failures++;
        long nanos = initial.toNanos() << Math.min(30, failures - 1);
        return nanos < 0 || nanos > max.toNanos() ? max : Duration.ofNanos(nanos);
    }

    /** A success: the next failure is a first one again. */
    void reset() {
        failures = 0;
    }

    /** Failures in a row so far. */
    int failures() {
        return failures;
    }
}
