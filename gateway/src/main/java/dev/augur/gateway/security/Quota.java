package dev.augur.gateway.security;

/**
 * A credential's limits: a token bucket ({@code rate} requests a second, up to {@code burst} at once) and at most
 * {@code concurrency} requests in flight. Zero means no limit.
 */
public record Quota(double rate, int burst, int concurrency) {
    public static final Quota NONE = new Quota(0, 0, 0);

    public boolean limited() {
        return rate > 0 || concurrency > 0;
    }

    /** The stricter of two quotas, each limit on its own (a key's own limits beside its roles'). */
    public Quota and(Quota other) {
        return new Quota(min(rate, other.rate), (int) min(burst, other.burst), (int) min(concurrency,
                other.concurrency));
    }

    private static double min(double a, double b) {
        if (a <= 0) {
            return b;
        }
        return b <= 0 ? a : Math.min(a, b);
    }
}
