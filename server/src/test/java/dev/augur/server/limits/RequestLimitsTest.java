package dev.augur.server.limits;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.augur.server.rest.BodyLimit;
import io.quarkus.vertx.http.runtime.filters.Filters;
import org.junit.jupiter.api.Test;

/**
 * When the body limit may share the first filter's handler: only when no other filter would run between the header
 * checks (priority 1010) and the body limit's last place (5), so every other filter keeps its place around it.
 */
class RequestLimitsTest {

    private static Filters with(int... priorities) {
        Filters filters = new Filters();
        for (int p : priorities) {
            filters.register(rc -> rc.next(), p);
        }
        return filters;
    }

    @Test
    void noOtherFilterLetsTheBodyLimitShareTheHandler() {
        assertFalse(RequestLimits.othersBetween(with()));
    }

    @Test
    void filtersBeforeOrAfterBothLetItShareTheHandler() {
        assertFalse(RequestLimits.othersBetween(with(2000, RequestLimits.PRIORITY, BodyLimit.STREAM_PRIORITY, 1)));
    }

    @Test
    void theInternalTokenCheckKeepsTheBodyLimitInItsOwnFilters() {
        assertTrue(RequestLimits.othersBetween(with(HeaderLimit.PRIORITY)));
    }

    @Test
    void aFilterJustAheadOfTheStreamedBodyKeepsItsPlace() {
        assertTrue(RequestLimits.othersBetween(with(BodyLimit.STREAM_PRIORITY + 1)));
    }
}
