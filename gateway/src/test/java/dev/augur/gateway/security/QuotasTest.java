package dev.augur.gateway.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuotasTest {
    private static Principal with(Quota q) {
        return new Principal("k", "k", Grant.NONE, q, Long.MAX_VALUE);
    }

    @Test
    void burstIsAdmittedAtOnce() {
        Quotas quotas = new Quotas();
        // One token a hundred seconds: nothing refills during the test.
        Principal p = with(new Quota(0.01, 2, 0));
        quotas.acquire(p);
        assertDoesNotThrow(() -> quotas.acquire(p));
    }

    @Test
    void requestBeyondTheBurstIsRefusedWithTheWaitForOneToken() {
        Quotas quotas = new Quotas();
        Principal p = with(new Quota(0.01, 1, 0));
        quotas.acquire(p);
        Denial d = assertThrows(Denial.class, () -> quotas.acquire(p));
        assertEquals(dev.augur.protocol.core.ErrorCode.RESOURCE_EXHAUSTED, d.code());
        // 1 token at 0.01 a second: 100 s, less the few microseconds since the first request.
        assertEquals(100, d.retryAfterSeconds());
    }

    @Test
    void concurrencyOverTheLimitIsRefused() {
        Quotas quotas = new Quotas();
        Principal p = with(new Quota(0, 0, 1));
        quotas.acquire(p);
        Denial d = assertThrows(Denial.class, () -> quotas.acquire(p));
        assertEquals("concurrency limit", d.reason());
    }

    @Test
    void releasedSlotIsAdmittedAgain() {
        Quotas quotas = new Quotas();
        Principal p = with(new Quota(0, 0, 1));
        quotas.acquire(p).release();
        assertDoesNotThrow(() -> quotas.acquire(p));
    }

    @Test
    void rateRefusalGivesBackTheConcurrencySlot() {
        Quotas quotas = new Quotas();
        Principal p = with(new Quota(0.01, 1, 2));
        quotas.acquire(p);
        assertThrows(Denial.class, () -> quotas.acquire(p));
        // Had the refused request kept its slot, the limit of 2 would be reached: the third is refused for its rate.
        Denial d = assertThrows(Denial.class, () -> quotas.acquire(p));
        assertEquals("rate limit", d.reason());
    }

    @Test
    void otherKeysHaveTheirOwnBucket() {
        Quotas quotas = new Quotas();
        Quota q = new Quota(0.01, 1, 0);
        quotas.acquire(new Principal("a", "a", Grant.NONE, q, Long.MAX_VALUE));
        assertDoesNotThrow(() -> quotas.acquire(new Principal("b", "b", Grant.NONE, q, Long.MAX_VALUE)));
    }
}
