package dev.augur.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChannelTest {
    private static final CloudEvent EVENT = new CloudEvent("id-1", CloudEvent.REQUEST, "/s", "t", "iris", "default",
            "predictor", "rev-1", new byte[0]);

    private static final class Counts implements Channel.Outcomes {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        @Override
        public void sent() {
            sent.incrementAndGet();
        }

        @Override
        public void dropped() {
            dropped.incrementAndGet();
        }

        @Override
        public void failed() {
            failed.incrementAndGet();
        }
    }

    @Test
    void fullQueueDropsWithoutBlockingTheCaller() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Counts counts = new Counts();
        Channel c = new Channel("test:", e -> {
            try {
                never.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(null);
        }, 3, 1, counts);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            c.offer(EVENT);
        }
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500));
        // One in the sender's hands (or about to be), three queued, the rest dropped.
        assertTrue(counts.dropped.get() >= 6 && counts.dropped.get() <= 7, "dropped " + counts.dropped);
        never.countDown();
        c.close();
    }

    @Test
    void failedSendsAreCounted() throws Exception {
        Counts counts = new Counts();
        Channel c = new Channel("test:", e -> CompletableFuture.failedFuture(new IllegalStateException("no")), 10, 1,
                counts);
        c.offer(EVENT);
        c.offer(EVENT);
        for (int i = 0; i < 100 && counts.failed.get() < 2; i++) {
            Thread.sleep(10);
        }
        assertEquals(2, counts.failed.get());
        assertEquals(0, counts.sent.get());
        c.close();
    }
}
