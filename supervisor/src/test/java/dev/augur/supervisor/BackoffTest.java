package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Restart back-off: short after one failure, growing only while failures repeat. */
class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60));

    @Test
    void firstFailureWaitsTheInitialDelay() {
        assertEquals(Duration.ofMillis(200), backoff.failed(null));
    }

    @Test
    void failuresInARowDoubleTheWait() {
        backoff.failed(null);
        backoff.failed(Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(800), backoff.failed(null));
    }

    @Test
    void aFailureAfterALongHealthyRunIsAFirstFailureAgain() {
        backoff.failed(null);
        backoff.failed(null);
        backoff.failed(null);
        assertEquals(Duration.ofMillis(200), backoff.failed(Duration.ofSeconds(60)));
    }

    @Test
    void aFailureSoonAfterReadyStillCountsAsRepeated() {
        backoff.failed(null);
        assertEquals(Duration.ofMillis(400), backoff.failed(Duration.ofSeconds(59)));
    }

    @Test
    void theWaitStopsGrowingAtTheMaximum() {
        for (int i = 0; i < 40; i++) {
            backoff.failed(null);
        }
        assertEquals(Duration.ofSeconds(5), backoff.failed(null));
    }

    @Test
    void resetMakesTheNextFailureAFirstOne() {
        backoff.failed(null);
        backoff.failed(null);
        backoff.reset();
        assertEquals(Duration.ofMillis(200), backoff.failed(null));
    }
}
