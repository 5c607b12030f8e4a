package dev.augur.gateway.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-credential quotas: a token bucket for the request rate and a count of requests in flight. Buckets are keyed by
 * principal id (key ids come from the keys file; token subjects are bounded by {@link #MAX_BUCKETS}).
 */
final class Quotas {
    /** Beyond this many buckets (token subjects are not listed anywhere) they are all dropped and start full again. */
    static final int MAX_BUCKETS = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** A request admitted under a concurrency limit; {@link #release()} once it is answered. */
    interface Ticket {
        void release();
    }

    static final Ticket FREE = () -> {
    };

    /** Admits one request or refuses it with 429 and how long to wait. */
    Ticket acquire(Principal p) {
        Quota q = p.quota();
        if (!q.limited()) {
            return FREE;
        }
        Bucket b = buckets.get(p.id());
        if (b == null || !b.quota.equals(q)) {
            if (buckets.size() >= MAX_BUCKETS) {
                buckets.clear();
            }
            // A changed quota (the keys file was edited) starts a fresh bucket.
            Bucket fresh = new Bucket(q);
            b = buckets.merge(p.id(), fresh, (old, n) -> old.quota.equals(n.quota) ? old : n);
        }
        return b.acquire(p.id());
    }

    private static final class Bucket {
        final Quota quota;
        final AtomicInteger inFlight = new AtomicInteger();
        private double tokens;
        private long last = System.nanoTime();

        Bucket(Quota quota) {
            this.quota = quota;
            this.tokens = quota.burst();
        }

        Ticket acquire(String id) {
            if (quota.concurrency() > 0 && inFlight.incrementAndGet() > quota.concurrency()) {
                inFlight.decrementAndGet();
                throw Denial.exhausted("too many requests in flight for this credential (its limit is "
                        + quota.concurrency() + " at once); retry when one has finished", "concurrency limit", 1);
            }
            if (quota.rate() > 0) {
                long wait = take();
                if (wait > 0) {
                    if (quota.concurrency() > 0) {
                        inFlight.decrementAndGet();
                    }
                    throw Denial.exhausted("request rate over this credential's limit of " + format(quota.rate())
                            + " a second; retry after " + wait + " s", "rate limit", wait);
                }
            }
            if (quota.concurrency() == 0) {
                return FREE;
            }
            return new Ticket() {
                private boolean released;

                @Override
                public synchronized void release() {
                    if (!released) {
                        released = true;
                        inFlight.decrementAndGet();
                    }
                }
            };
        }

        /** Takes a token; 0 when one was there, else the whole seconds until one will be. */
        private synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(quota.burst(), tokens + (now - last) / 1e9 * quota.rate());
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / quota.rate()));
        }

        private static String format(double rate) {
            return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
        }
    }
}
