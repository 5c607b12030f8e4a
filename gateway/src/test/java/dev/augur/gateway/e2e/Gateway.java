package dev.augur.gateway.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads the gateway's service table ({@code GET /augur/services}) and waits on it. */
final class Gateway {
    static {
        // V1 paths hold a literal ':' (iris:predict) that must not be sent as %3A.
        io.restassured.RestAssured.urlEncodingEnabled = false;
    }

    private Gateway() {
    }

    /** The revisions of a service, as the table lists them (component, name, state, percent, pid, port). */
    static List<Map<String, Object>> revisions(String service) {
        JsonPath table = given().get("/augur/services").then().statusCode(200).extract().jsonPath();
        return table.getList("services.find { it.name == '" + service + "' }.revisions");
    }

    static Map<String, Object> revision(String service, int index) {
        return revisions(service).get(index);
    }

    /** Waits until the service's revisions satisfy the condition, failing after {@code timeout}. */
    static List<Map<String, Object>> await(String service, Duration timeout,
            Predicate<List<Map<String, Object>>> condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> last = null;
        while (System.nanoTime() < deadline) {
            last = revisions(service);
            if (last != null && condition.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError(service + ": " + what + " not reached within " + timeout + "; last: " + last);
    }

    /** Waits until the service has one READY revision and returns its port. */
    static int readyPort(String service) {
        List<Map<String, Object>> r = await(service, Duration.ofSeconds(180),
                l -> !l.isEmpty() && l.stream().allMatch(x -> "READY".equals(x.get("state"))), "READY");
        return ((Number) r.get(0).get("port")).intValue();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
