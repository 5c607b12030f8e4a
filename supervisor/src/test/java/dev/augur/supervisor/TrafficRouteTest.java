package dev.augur.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrafficRouteTest {

    private static Map<String, Integer> count(TrafficRoute<String> route, int picks) {
        Map<String, Integer> n = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            n.merge(route.pick(), 1, Integer::sum);
        }
        return n;
    }

    @Test
    void everyHundredPicksSplitExactlyAsConfigured() {
        TrafficRoute<String> route = TrafficRoute.canary("v1", "v2", 10, new Random(7));
        assertEquals(Map.of("v1", 900, "v2", 100), count(route, 1000));
    }

    @Test
    void withoutPreviousRevisionTheLatestTakesAll() {
        TrafficRoute<String> route = TrafficRoute.canary(null, "v1", 30, new Random(7));
        assertEquals(Map.of("v1", 100), count(route, 100));
    }

    @Test
    void withoutCanaryPercentTheLatestTakesAll() {
        assertEquals("v2", TrafficRoute.canary("v1", "v2", null, new Random(7)).sole());
    }

    @Test
    void zeroPercentKeepsTheCanaryInTheRouteWithoutTraffic() {
        TrafficRoute<String> route = TrafficRoute.canary("v1", "v2", 0, new Random(7));
        assertEquals(Map.of("v1", 100), count(route, 100));
        assertEquals(0, route.percent("v2"));
        assertEquals(true, route.contains("v2"));
        assertNull(route.sole());
    }

    @Test
    void orderHasNoShortCycle() {
        // A 50% split must not simply alternate: a client alternating two request kinds would send each kind to
        // one revision only.
        TrafficRoute<String> route = TrafficRoute.canary("v1", "v2", 50, new Random(7));
        Map<String, Integer> evenPicks = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            String picked = route.pick();
            if (i % 2 == 0) {
                evenPicks.merge(picked, 1, Integer::sum);
            }
        }
        assertEquals(2, evenPicks.size(), evenPicks.toString());
    }
}
